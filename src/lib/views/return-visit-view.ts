import type { ChartSpec } from '$lib/charts/chart-spec.ts';
import { buildRankingBarOption } from '$lib/charts/ranking-bar.option.ts';
import { buildTrendLineOption } from '$lib/charts/trend-line.option.ts';
import { describeKpiDelta } from '$lib/components/kpi/kpi-format.ts';
import type { DataTableColumn, DataTableRow } from '$lib/components/data-table-rows.ts';
import { formatMonth } from '$lib/i18n/format.ts';
import { m } from '$lib/paraglide/messages.js';
import type {
	ReturnVisitFigures,
	ReturnVisitHeadline
} from '$lib/server/dashboards/return-visit-dashboard.ts';
import type { Keyed } from '$lib/server/dashboards/timeliness-dashboard.ts';
import type { RateFigure } from '$lib/server/metrics/rate-figure.ts';

export type ReturnVisitKind = 'complaints' | 'repairs';

const rateKeys = ['satisfaction', 'visitRate', 'visitOnTime'] as const;

function labelRate(key: (typeof rateKeys)[number], days: number): string {
	if (key === 'satisfaction') return m.rate_return_visit_satisfaction();
	if (key === 'visitRate') return m.rate_return_visit();
	return m.return_visit_within_days({ days });
}

const rateShape = { format: 'percent', better: 'higher' } as const;

export function headlineColumns(): DataTableColumn[] {
	return [
		{ key: 'name', label: m.rate_name() },
		{ key: 'rate', label: m.rate_column_rate(), format: 'percent' },
		{ key: 'numerator', label: m.rate_column_numerator(), format: 'integer' },
		{ key: 'denominator', label: m.rate_column_denominator(), format: 'integer' },
		{ key: 'previous', label: m.return_visit_column_previous(), align: 'end' },
		{ key: 'lastYear', label: m.return_visit_column_last_year(), align: 'end' }
	];
}

/** The satisfaction and the visits it rests on, each with its parts and its change (环比, 同比) in points. */
export function describeHeadline(headline: ReturnVisitHeadline, days: number): DataTableRow[] {
	return rateKeys.map((key) => {
		const figure = headline.current[key];
		const change = (base: ReturnVisitFigures) =>
			describeKpiDelta(rateShape, figure.rate, base[key].rate).text;
		return {
			name: labelRate(key, days),
			rate: figure.rate,
			numerator: figure.numerator,
			denominator: figure.denominator,
			previous: change(headline.previous),
			lastYear: change(headline.lastYear)
		};
	});
}

/** A rate recomputed from summed parts: a total row's rate is never an average of the groups' rates. */
function sumFigures(figures: RateFigure[]): RateFigure {
	const numerator = figures.reduce((sum, figure) => sum + figure.numerator, 0);
	const denominator = figures.reduce((sum, figure) => sum + figure.denominator, 0);
	return { numerator, denominator, rate: denominator > 0 ? numerator / denominator : null };
}

function describeGroupRow(group: string, figures: ReturnVisitFigures): DataTableRow {
	return {
		group,
		satisfaction: figures.satisfaction.rate,
		satisfied: figures.satisfaction.numerator,
		reached: figures.satisfaction.denominator,
		visitRate: figures.visitRate.rate,
		visited: figures.visitRate.numerator,
		finished: figures.visitRate.denominator,
		visitOnTime: figures.visitOnTime.rate,
		visitedOnTime: figures.visitOnTime.numerator
	};
}

/**
 * A breakdown (by area, department or team): satisfaction ranked as bars (groups without a reached visit
 * left out — no rate is not 0 %), and a table of every rate with its parts and a total row.
 */
export function buildReturnVisitBreakdown(
	groups: Keyed<ReturnVisitFigures>[],
	groupLabel: string,
	kind: ReturnVisitKind,
	days: number
): {
	spec: ChartSpec;
	columns: DataTableColumn[];
	rows: DataTableRow[];
	totals: Record<string, string | number | null>;
} {
	const name = (key: string | null) => key ?? m.unknown_value();
	const spec = buildRankingBarOption(
		groups
			.filter((group) => group.satisfaction.rate !== null)
			.map((group) => ({ label: name(group.key), value: group.satisfaction.rate! })),
		m.rate_return_visit_satisfaction(),
		{ format: 'percent', itemLabel: groupLabel }
	);
	const columns: DataTableColumn[] = [
		{ key: 'group', label: groupLabel, sortable: true },
		{ key: 'satisfaction', label: m.return_visit_column_satisfaction(), format: 'percent', sortable: true },
		{ key: 'satisfied', label: m.return_visit_column_satisfied(), format: 'integer', sortable: true },
		{ key: 'reached', label: m.return_visit_column_reached(), format: 'integer', sortable: true },
		{ key: 'visitRate', label: m.return_visit_column_visit_rate(), format: 'percent', sortable: true },
		{ key: 'visited', label: m.return_visit_column_visited(), format: 'integer', sortable: true },
		{
			key: 'finished',
			label: kind === 'complaints' ? m.return_visit_column_resolved() : m.return_visit_column_completed(),
			format: 'integer',
			sortable: true
		},
		{
			key: 'visitOnTime',
			label: m.return_visit_column_within_days({ days }),
			format: 'percent',
			sortable: true
		},
		{
			key: 'visitedOnTime',
			label: m.return_visit_column_visited_on_time(),
			format: 'integer',
			sortable: true
		}
	];
	const totals = describeGroupRow(m.return_visit_total(), {
		satisfaction: sumFigures(groups.map((group) => group.satisfaction)),
		visitRate: sumFigures(groups.map((group) => group.visitRate)),
		visitOnTime: sumFigures(groups.map((group) => group.visitOnTime))
	}) as Record<string, string | number | null>;
	return { spec, columns, rows: groups.map((group) => describeGroupRow(name(group.key), group)), totals };
}

function readMonthly(rows: Keyed<ReturnVisitFigures>[], months: string[]): (RateFigure | null)[] {
	return months.map((month) => rows.find((row) => row.key === month)?.satisfaction ?? null);
}

/** Both kinds' satisfaction month by month: two lines on one percent axis. */
export function buildReturnVisitTrend(
	complaints: Keyed<ReturnVisitFigures>[],
	repairs: Keyed<ReturnVisitFigures>[],
	months: string[]
): ChartSpec {
	return buildTrendLineOption({
		months,
		series: [
			{
				name: m.return_visit_series_complaints(),
				values: readMonthly(complaints, months).map((figure) => figure?.rate ?? null),
				format: 'percent'
			},
			{
				name: m.return_visit_series_repairs(),
				values: readMonthly(repairs, months).map((figure) => figure?.rate ?? null),
				format: 'percent'
			}
		]
	});
}

/** The trend's months as a table with the parts of each rate, since a month may rest on few visits. */
export function buildReturnVisitMonthTable(
	complaints: Keyed<ReturnVisitFigures>[],
	repairs: Keyed<ReturnVisitFigures>[],
	months: string[]
): { columns: DataTableColumn[]; rows: DataTableRow[] } {
	const complaintFigures = readMonthly(complaints, months);
	const repairFigures = readMonthly(repairs, months);
	const columns: DataTableColumn[] = [
		{ key: 'month', label: m.return_visit_month() },
		...(['complaints', 'repairs'] as const).flatMap((kind): DataTableColumn[] => {
			const series =
				kind === 'complaints' ? m.return_visit_series_complaints() : m.return_visit_series_repairs();
			return [
				{ key: `${kind}Rate`, label: series, format: 'percent' },
				{ key: `${kind}Satisfied`, label: m.return_visit_column_satisfied(), format: 'integer' },
				{ key: `${kind}Reached`, label: m.return_visit_column_reached(), format: 'integer' }
			];
		})
	];
	const rows = months.map((month, index) => ({
		month: formatMonth(month),
		complaintsRate: complaintFigures[index]?.rate ?? null,
		complaintsSatisfied: complaintFigures[index]?.numerator ?? 0,
		complaintsReached: complaintFigures[index]?.denominator ?? 0,
		repairsRate: repairFigures[index]?.rate ?? null,
		repairsSatisfied: repairFigures[index]?.numerator ?? 0,
		repairsReached: repairFigures[index]?.denominator ?? 0
	}));
	return { columns, rows };
}
