import type { ChartSpec } from '$lib/charts/chart-spec.ts';
import { buildHistogramOption } from '$lib/charts/histogram.option.ts';
import { buildRankingBarOption } from '$lib/charts/ranking-bar.option.ts';
import { buildTrendLineOption } from '$lib/charts/trend-line.option.ts';
import type { DataTableColumn, DataTableRow } from '$lib/components/data-table-rows.ts';
import { labelEnumeration } from '$lib/i18n/enum-labels.ts';
import { m } from '$lib/paraglide/messages.js';
import type { Keyed } from '$lib/server/dashboards/timeliness-dashboard.ts';
import type { ComplaintTimeliness } from '$lib/server/metrics/complaint-timeliness.ts';
import type { RateFigure } from '$lib/server/metrics/rate-figure.ts';
import type { RepairTimeliness } from '$lib/server/metrics/repair-timeliness.ts';
import type { ResolutionDistribution } from '$lib/server/metrics/resolution-distribution.ts';
import type { ReturnVisitDue, SlaItem } from '$lib/server/metrics/sla-lists.ts';

const complaintRates: { key: keyof ComplaintTimeliness; label: () => string }[] = [
	{ key: 'responseOnTime', label: m.rate_response_on_time },
	{ key: 'resolvedOnTime', label: m.rate_resolved_on_time },
	{ key: 'closureRate', label: m.rate_closure },
	{ key: 'returnVisitRate', label: m.rate_return_visit },
	{ key: 'returnVisitOnTime', label: m.rate_return_visit_on_time },
	{ key: 'returnVisitSatisfaction', label: m.rate_return_visit_satisfaction }
];

const repairRates: { key: keyof RepairTimeliness; label: () => string }[] = [
	{ key: 'arrivedOnTime', label: m.rate_arrived_on_time },
	{ key: 'completedWithinTarget', label: m.rate_within_target },
	{ key: 'emergencyWithinTarget', label: m.rate_emergency_within_target },
	{ key: 'nonEmergencyWithinTarget', label: m.rate_non_emergency_within_target },
	{ key: 'completionRate', label: m.rate_completion },
	{ key: 'firstTimeFix', label: m.rate_first_time_fix },
	{ key: 'returnVisitRate', label: m.rate_return_visit },
	{ key: 'returnVisitOnTime', label: m.rate_return_visit_on_time },
	{ key: 'returnVisitSatisfaction', label: m.rate_return_visit_satisfaction }
];

export function rateColumns(): DataTableColumn[] {
	return [
		{ key: 'name', label: m.rate_name() },
		{ key: 'rate', label: m.rate_column_rate(), format: 'percent' },
		{ key: 'numerator', label: m.rate_column_numerator(), format: 'integer' },
		{ key: 'denominator', label: m.rate_column_denominator(), format: 'integer' }
	];
}

function describeRates<T>(figures: T, rates: { key: keyof T; label: () => string }[]): DataTableRow[] {
	return rates.map(({ key, label }) => {
		const figure = figures[key] as RateFigure;
		return { name: label(), rate: figure.rate, numerator: figure.numerator, denominator: figure.denominator };
	});
}

export const describeComplaintRates = (figures: ComplaintTimeliness) =>
	describeRates(figures, complaintRates);
export const describeRepairRates = (figures: RepairTimeliness) => describeRates(figures, repairRates);

/** A breakdown (by department, area or team): one rate ranked as bars, and every rate in the table. */
export function buildGroupBreakdown<T>(
	groups: Keyed<T>[],
	rateKey: keyof T,
	groupLabel: string,
	kind: 'complaints' | 'repairs'
): { spec: ChartSpec; columns: DataTableColumn[]; rows: DataTableRow[] } {
	const rates = (kind === 'complaints' ? complaintRates : repairRates) as {
		key: keyof T;
		label: () => string;
	}[];
	const name = (key: string | null) => key ?? m.unknown_value();
	const spec = buildRankingBarOption(
		groups.map((group) => ({ label: name(group.key), value: (group[rateKey] as RateFigure).rate ?? 0 })),
		rates.find((rate) => rate.key === rateKey)!.label(),
		{ format: 'percent', itemLabel: groupLabel }
	);
	const columns: DataTableColumn[] = [
		{ key: 'group', label: groupLabel, sortable: true },
		...rates.map((rate) => ({
			key: String(rate.key),
			label: rate.label(),
			format: 'percent' as const,
			sortable: true
		})),
		{ key: 'base', label: m.rate_column_denominator(), format: 'integer' as const, sortable: true }
	];
	const rows = groups.map((group) => ({
		group: name(group.key),
		...Object.fromEntries(rates.map((rate) => [String(rate.key), (group[rate.key] as RateFigure).rate])),
		base: (group[rateKey] as RateFigure).denominator
	}));
	return { spec, columns, rows };
}

export function buildTimelinessTrend(
	complaints: Keyed<ComplaintTimeliness>[],
	repairs: Keyed<RepairTimeliness>[],
	months: string[]
): ChartSpec {
	const pick = <T>(rows: Keyed<T>[], key: keyof T) =>
		months.map(
			(month) => (rows.find((row) => row.key === month)?.[key] as RateFigure | undefined)?.rate ?? null
		);
	return buildTrendLineOption({
		months,
		series: [
			{ name: m.rate_response_on_time(), values: pick(complaints, 'responseOnTime'), format: 'percent' },
			{ name: m.rate_resolved_on_time(), values: pick(complaints, 'resolvedOnTime'), format: 'percent' },
			{ name: m.rate_within_target(), values: pick(repairs, 'completedWithinTarget'), format: 'percent' },
			{ name: m.rate_arrived_on_time(), values: pick(repairs, 'arrivedOnTime'), format: 'percent' }
		]
	});
}

export function buildDistributionCharts(distribution: ResolutionDistribution): {
	sameDay: ChartSpec;
	escalated: ChartSpec;
} {
	const dayLabel = (days: number) =>
		days === 0
			? m.distribution_day_0()
			: days >= 7
				? m.distribution_day_last()
				: m.distribution_day_n({ days });
	const hourLabel = (from: number, to: number | null) =>
		to === null ? m.distribution_hours_open({ from }) : m.distribution_hours({ from, to });
	const limit = distribution.escalatedLimitHours;
	const limitBin = distribution.escalatedRule.find((bin) => bin.toHours === limit);
	return {
		sameDay: buildHistogramOption({
			bins: distribution.sameDayRule.map((bin) => ({ label: dayLabel(bin.daysAfter), count: bin.count })),
			slaLineAt: dayLabel(0),
			slaLabel: m.distribution_sla()
		}),
		escalated: buildHistogramOption({
			bins: distribution.escalatedRule.map((bin) => ({
				label: hourLabel(bin.fromHours, bin.toHours),
				count: bin.count
			})),
			slaLineAt: limitBin ? hourLabel(limitBin.fromHours, limitBin.toHours) : undefined,
			slaLabel: m.distribution_sla()
		})
	};
}

export function slaItemColumns(finished: boolean): DataTableColumn[] {
	return [
		{ key: 'id', label: m.item_id(), sortable: true },
		{ key: 'area', label: m.record_area(), sortable: true },
		{ key: 'building', label: m.record_building(), sortable: true },
		{ key: 'unit', label: m.record_unit(), sortable: true },
		{ key: 'kind', label: m.item_kind(), sortable: true },
		{ key: 'owner', label: m.item_owner(), sortable: true },
		{ key: 'started_at', label: m.item_started(), format: 'datetime', sortable: true },
		{ key: 'deadline', label: m.item_deadline(), format: 'datetime', sortable: true },
		...(finished
			? [{ key: 'finished_at', label: m.item_finished(), format: 'datetime' as const, sortable: true }]
			: []),
		{ key: 'hours_late', label: m.item_hours_late(), format: 'decimal', sortable: true }
	];
}

export function describeSlaItems(items: SlaItem[], kind: 'category' | 'trade'): DataTableRow[] {
	return items.map((item) => ({ ...item, kind: labelEnumeration(kind, item.kind) }));
}

export function returnVisitColumns(): DataTableColumn[] {
	return [
		{ key: 'id', label: m.item_id(), sortable: true },
		{ key: 'source', label: m.visit_source(), sortable: true },
		{ key: 'area', label: m.record_area(), sortable: true },
		{ key: 'building', label: m.record_building(), sortable: true },
		{ key: 'unit', label: m.record_unit(), sortable: true },
		{ key: 'finished_at', label: m.visit_finished(), format: 'datetime', sortable: true },
		{ key: 'due_at', label: m.visit_due(), format: 'datetime', sortable: true },
		{ key: 'state', label: m.visit_state(), sortable: true }
	];
}

export function describeReturnVisits(items: ReturnVisitDue[]): DataTableRow[] {
	return items.map(({ overdue, ...item }) => ({
		...item,
		source: item.source === 'complaint' ? m.visit_source_complaint() : m.visit_source_repair(),
		state: overdue ? m.visit_overdue() : m.visit_pending()
	}));
}
