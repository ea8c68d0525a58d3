import type { ChartSpec } from '$lib/charts/chart-spec.ts';
import { buildStackedAmountOption } from '$lib/charts/stacked-amount.option.ts';
import type { DataTableColumn, DataTableRow } from '$lib/components/data-table-rows.ts';
import { describeKpiDelta, type KpiDelta } from '$lib/components/kpi/kpi-format.ts';
import { formatDay, formatInteger, formatMoney, formatPercent } from '$lib/i18n/format.ts';
import { m } from '$lib/paraglide/messages.js';
import type { ArrearsDashboard } from '$lib/server/dashboards/arrears-dashboard.ts';
import type {
	ArrearsPlace,
	ArrearsPlaceLevel,
	ArrearsReconciliation
} from '$lib/server/metrics/arrears-breakdown.ts';
import type { AgingBucket } from '$lib/server/metrics/arrears-ledger.ts';

/** Money to the cent: −0 and sub-cent noise would print as "−¥0.00". */
export const toCents = (amount: number) => Math.round(amount * 100) / 100 + 0;

const bucketStyles: Record<AgingBucket, { label: () => string; colour: string }> = {
	'1-30': { label: m.arrears_bucket_1_30, colour: '#8cc5ae' },
	'31-90': { label: m.arrears_bucket_31_90, colour: '#e2c35f' },
	'91-180': { label: m.arrears_bucket_91_180, colour: '#e3944a' },
	'181-365': { label: m.arrears_bucket_181_365, colour: '#cf5b34' },
	'over-365': { label: m.arrears_bucket_over_365, colour: '#9b2417' }
};

/** The buckets in the server's order (the aging figures list every bucket, oldest last). */
export function listBuckets(dashboard: Pick<ArrearsDashboard, 'aging'>): AgingBucket[] {
	return dashboard.aging.buckets.map((row) => row.bucket);
}

export interface ReconciliationView {
	figures: { id: 'due' | 'paid' | 'arrears' | 'overpayments'; label: string; value: string; note?: string }[];
	/** The SPEC invariant with the scope's own numbers in it. */
	equation: string;
	holds: boolean;
	verdict: string;
}

/** Due, paid, arrears and overpayments (a credit, so ≤ 0), and the invariant written out with them. */
export function describeReconciliation(reconciliation: ArrearsReconciliation): ReconciliationView {
	const money = (amount: number) => formatMoney(toCents(amount));
	const difference = money(reconciliation.difference);
	return {
		figures: [
			{ id: 'due', label: m.arrears_recon_due(), value: money(reconciliation.totalDue) },
			{ id: 'paid', label: m.arrears_recon_paid(), value: money(reconciliation.totalPaid) },
			{ id: 'arrears', label: m.arrears_recon_arrears(), value: money(reconciliation.totalArrears) },
			{
				id: 'overpayments',
				label: m.arrears_recon_overpayments(),
				value: money(reconciliation.totalOverpayments),
				note: m.arrears_recon_credit({ amount: money(-reconciliation.totalOverpayments) })
			}
		],
		equation: m.arrears_recon_equation({
			due: money(reconciliation.totalDue),
			paid: money(reconciliation.totalPaid),
			arrears: money(reconciliation.totalArrears),
			overpayments: money(reconciliation.totalOverpayments)
		}),
		holds: reconciliation.holds,
		verdict: reconciliation.holds
			? m.arrears_recon_holds({ difference })
			: m.arrears_recon_fails({ difference })
	};
}

export interface ArrearsHeadline {
	id: string;
	label: string;
	value: string;
	/** What the figure is made of (numerator and denominator, or what it counts). */
	parts: string | null;
	/** 环比 and 同比, for rates, in percentage points. */
	changes: { label: string; delta: KpiDelta }[];
	note: string | null;
}

const rateShape = { format: 'percent', better: 'higher' } as const;

function describeCollection(
	id: string,
	label: string,
	collection: ArrearsDashboard['collection'],
	basis: 'amount' | 'household'
): ArrearsHeadline {
	const current = collection.current;
	const figure = current[basis];
	const parts =
		basis === 'amount'
			? m.arrears_parts_paid_of_due({
					paid: formatMoney(figure.numerator),
					due: formatMoney(figure.denominator)
				})
			: m.arrears_parts_units_paid({
					paid: formatInteger(figure.numerator),
					billed: formatInteger(figure.denominator)
				});
	const excluded = current.excludedNotYetDue;
	return {
		id,
		label,
		value: current.notYetDue ? m.arrears_not_yet_due() : formatPercent(figure.rate),
		parts: current.notYetDue ? null : parts,
		changes: [
			{ label: m.arrears_change_previous(), base: collection.previous },
			{ label: m.arrears_change_last_year(), base: collection.lastYear }
		].map(({ label: changeLabel, base }) => ({
			label: changeLabel,
			delta: describeKpiDelta(rateShape, figure.rate, base[basis].rate)
		})),
		note:
			excluded.bills > 0 && !current.notYetDue
				? m.arrears_excluded_not_yet_due({
						bills: formatInteger(excluded.bills),
						amount: formatMoney(excluded.amountDue),
						date: formatDay(current.asOf)
					})
				: null
	};
}

/** Total and old arrears, both collection-rate bases with 环比/同比, 清欠率, and current against prior periods. */
export function buildArrearsHeadlines(
	dashboard: Pick<
		ArrearsDashboard,
		'reconciliation' | 'aging' | 'collection' | 'recovery' | 'periodAge' | 'units'
	>
): ArrearsHeadline[] {
	const total = dashboard.reconciliation.totalArrears;
	const over180 = dashboard.aging.buckets
		.filter((row) => row.bucket === '181-365' || row.bucket === 'over-365')
		.reduce((sum, row) => sum + row.arrears, 0);
	const recovery = dashboard.recovery;
	const later = toCents(dashboard.periodAge.later);
	const noChanges: ArrearsHeadline['changes'] = [];
	return [
		{
			id: 'total',
			label: m.arrears_headline_total(),
			value: formatMoney(toCents(total)),
			parts: m.arrears_headline_total_parts({ units: formatInteger(dashboard.units.totalRows) }),
			changes: noChanges,
			note:
				dashboard.aging.dueToday > 0
					? m.arrears_headline_due_today({ amount: formatMoney(dashboard.aging.dueToday) })
					: null
		},
		{
			id: 'over-180',
			label: m.arrears_headline_over_180(),
			value: formatMoney(toCents(over180)),
			parts: m.arrears_headline_share_of_total({ share: formatPercent(total > 0 ? over180 / total : null) }),
			changes: noChanges,
			note: null
		},
		describeCollection(
			'collection-amount',
			m.arrears_headline_collection_amount(),
			dashboard.collection,
			'amount'
		),
		describeCollection(
			'collection-household',
			m.arrears_headline_collection_household(),
			dashboard.collection,
			'household'
		),
		{
			id: 'recovery',
			label: m.arrears_headline_recovery(),
			value: formatPercent(recovery.recovery.rate),
			parts: m.arrears_parts_recovered({
				recovered: formatMoney(toCents(recovery.recovery.numerator)),
				open: formatMoney(toCents(recovery.recovery.denominator)),
				date: formatDay(recovery.periodStartAsOf)
			}),
			changes: noChanges,
			note: m.arrears_headline_recovery_bills({ bills: formatInteger(recovery.billsOpenAtStart) })
		},
		{
			id: 'current-period',
			label: m.arrears_headline_current(),
			value: formatMoney(toCents(dashboard.periodAge.current)),
			parts: m.arrears_headline_current_parts(),
			changes: noChanges,
			note: later > 0 ? m.arrears_headline_later({ amount: formatMoney(later) }) : null
		},
		{
			id: 'prior-period',
			label: m.arrears_headline_prior(),
			value: formatMoney(toCents(dashboard.periodAge.prior)),
			parts: m.arrears_headline_prior_parts(),
			changes: noChanges,
			note: null
		}
	];
}

/** The shifted as-of days the comparisons are evaluated at, said once under the headlines. */
export function describeComparisonRule(collection: ArrearsDashboard['collection']): string {
	return m.arrears_comparison_rule({
		previous: formatDay(collection.previous.asOf),
		lastYear: formatDay(collection.lastYear.asOf)
	});
}

/**
 * The buckets stacked per area, the most long-aged (> 180 days) first; a click on a bar gives the area's
 * name as `event.name`.
 */
export function buildAgingByAreaChart(areas: ArrearsPlace[], buckets: AgingBucket[]): ChartSpec {
	const ranked = [...areas]
		.filter((area) => area.outstanding > 0)
		.sort((a, b) => b.outstandingOver180Days - a.outstandingOver180Days || b.outstanding - a.outstanding);
	return buildStackedAmountOption(
		ranked.map((area) => ({
			label: area.area,
			values: buckets.map((bucket) => toCents(area.buckets[bucket]))
		})),
		buckets.map((bucket) => ({
			key: bucket,
			label: bucketStyles[bucket].label(),
			colour: bucketStyles[bucket].colour
		})),
		{ itemLabel: m.arrears_col_area() }
	);
}

const placeLabels: Record<ArrearsPlaceLevel, () => string> = {
	area: m.arrears_col_area,
	building: m.arrears_col_building,
	unit: m.arrears_col_unit
};

export function placeTitle(level: ArrearsPlaceLevel): string {
	if (level === 'area') return m.arrears_places_title_area();
	if (level === 'building') return m.arrears_places_title_building();
	return m.arrears_places_title_unit();
}

export function placeColumns(level: ArrearsPlaceLevel, buckets: AgingBucket[]): DataTableColumn[] {
	return [
		{ key: 'place', label: placeLabels[level](), sortable: true },
		...(level === 'area' ? [] : [{ key: 'area', label: m.arrears_col_area(), sortable: true }]),
		{ key: 'outstanding', label: m.arrears_col_outstanding(), format: 'money', sortable: true },
		{ key: 'over180', label: m.arrears_col_over_180(), format: 'money', sortable: true },
		...(level === 'unit'
			? []
			: [
					{
						key: 'unitsInArrears',
						label: m.arrears_col_units_in_arrears(),
						format: 'integer',
						sortable: true
					} as const
				]),
		{ key: 'billsPastDue', label: m.arrears_col_bills_past_due(), format: 'integer', sortable: true },
		...buckets.map((bucket): DataTableColumn => ({
			key: bucket,
			label: bucketStyles[bucket].label(),
			format: 'money',
			sortable: true
		}))
	];
}

/** One row per place; `building` is kept (unshown at area level) so a click can name it. */
export function describePlaceRows(
	places: ArrearsPlace[],
	level: ArrearsPlaceLevel,
	buckets: AgingBucket[]
): DataTableRow[] {
	return places.map((place) => ({
		place:
			level === 'area'
				? place.area
				: level === 'building'
					? (place.building ?? m.unknown_value())
					: place.unit,
		area: place.area,
		building: place.building,
		outstanding: toCents(place.outstanding),
		over180: toCents(place.outstandingOver180Days),
		unitsInArrears: place.unitsInArrears,
		billsPastDue: place.billsPastDue,
		...Object.fromEntries(buckets.map((bucket) => [bucket, toCents(place.buckets[bucket])]))
	}));
}

/** The drill's totals: every amount summed (money to the cent), so the table adds up to the headline. */
export function sumPlaceRows(
	rows: DataTableRow[],
	columns: DataTableColumn[]
): Record<string, number | string> {
	const totals: Record<string, number | string> = { place: m.arrears_total_row() };
	for (const column of columns) {
		if (column.format !== 'money' && column.format !== 'integer') continue;
		totals[column.key] = toCents(rows.reduce((sum, row) => sum + Number(row[column.key] ?? 0), 0));
	}
	return totals;
}

/** The filter change a click on a place makes: an area opens its buildings, a building its units. */
export function drillInto(row: DataTableRow, level: ArrearsPlaceLevel): Record<string, string[]> | null {
	if (level === 'area' && typeof row.area === 'string') return { area: [row.area] };
	if (level === 'building' && typeof row.building === 'string') return { building: [row.building] };
	return null;
}

/** The way back up one level. */
export function drillOut(level: ArrearsPlaceLevel): { label: string; changes: Record<string, null> } | null {
	if (level === 'building')
		return { label: m.arrears_places_up_areas(), changes: { area: null, building: null } };
	if (level === 'unit') return { label: m.arrears_places_up_buildings(), changes: { building: null } };
	return null;
}
