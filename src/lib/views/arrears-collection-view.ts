import type { ChartSpec } from '$lib/charts/chart-spec.ts';
import { buildTrendLineOption } from '$lib/charts/trend-line.option.ts';
import type { DataTableColumn, DataTableRow } from '$lib/components/data-table-rows.ts';
import type { DateRange } from '$lib/filters/dashboard-filters.ts';
import { labelEnumeration } from '$lib/i18n/enum-labels.ts';
import { m } from '$lib/paraglide/messages.js';
import type { FeeTypeCollection } from '$lib/server/metrics/arrears-breakdown.ts';
import type { CollectionRate } from '$lib/server/metrics/collection-rate.ts';
import { toCents } from './arrears-view.ts';

const monthOf = (range: DateRange) => range.start.slice(0, 7);

/** The 12 billing months, both bases; a month whose bills are not yet due has no point. */
export function buildCollectionTrend(months: CollectionRate[]): ChartSpec {
	return buildTrendLineOption({
		months: months.map((month) => monthOf(month.period)),
		series: [
			{
				name: m.arrears_series_amount(),
				values: months.map((month) => month.amount.rate),
				format: 'percent'
			},
			{
				name: m.arrears_series_household(),
				values: months.map((month) => month.household.rate),
				format: 'percent'
			}
		]
	});
}

export function collectionColumns(): DataTableColumn[] {
	return [
		{ key: 'area', label: m.arrears_col_area(), sortable: true },
		{ key: 'amountRate', label: m.arrears_col_amount_rate(), format: 'percent', sortable: true },
		{ key: 'paid', label: m.arrears_col_paid(), format: 'money', sortable: true },
		{ key: 'due', label: m.arrears_col_due(), format: 'money', sortable: true },
		{ key: 'householdRate', label: m.arrears_col_household_rate(), format: 'percent', sortable: true },
		{ key: 'unitsPaid', label: m.arrears_col_units_paid(), format: 'integer', sortable: true },
		{ key: 'unitsBilled', label: m.arrears_col_units_billed(), format: 'integer', sortable: true },
		{ key: 'notYetDue', label: m.arrears_col_not_yet_due(), format: 'money', sortable: true },
		{ key: 'note', label: m.arrears_col_note() }
	];
}

/** An area's collection, or the scope's as the total row (its own figure, not a sum of areas' rates). */
export function describeCollectionRow(
	area: string,
	rate: CollectionRate
): Record<string, string | number | null> {
	return {
		area,
		amountRate: rate.amount.rate,
		paid: toCents(rate.amount.numerator),
		due: toCents(rate.amount.denominator),
		householdRate: rate.household.rate,
		unitsPaid: rate.household.numerator,
		unitsBilled: rate.household.denominator,
		notYetDue: toCents(rate.excludedNotYetDue.amountDue),
		note: rate.notYetDue ? m.arrears_not_yet_due() : ''
	};
}

export function feeTypeColumns(): DataTableColumn[] {
	return [
		{ key: 'feeType', label: m.arrears_col_fee_type(), sortable: true },
		{ key: 'due', label: m.arrears_col_due(), format: 'money', sortable: true },
		{ key: 'paid', label: m.arrears_col_paid(), format: 'money', sortable: true },
		{ key: 'outstanding', label: m.arrears_col_outstanding_period(), format: 'money', sortable: true },
		{ key: 'rate', label: m.arrears_col_collection_rate(), format: 'percent', sortable: true },
		{ key: 'outstandingAll', label: m.arrears_col_outstanding_all(), format: 'money', sortable: true }
	];
}

/** The fee types and their total, its rate recomputed from the summed parts (never an average of rates). */
export function describeFeeTypes(feeTypes: FeeTypeCollection[]): {
	rows: DataTableRow[];
	totals: Record<string, string | number | null>;
} {
	const rows = feeTypes.map((type) => ({
		feeType: labelEnumeration('feeType', type.feeType),
		due: toCents(type.due),
		paid: toCents(type.paid),
		outstanding: toCents(type.outstanding),
		rate: type.collectionRate.rate,
		outstandingAll: toCents(type.outstandingAllPeriods)
	}));
	const sum = (key: 'due' | 'paid' | 'outstanding' | 'outstandingAll') =>
		toCents(rows.reduce((total, row) => total + row[key], 0));
	return {
		rows,
		totals: {
			feeType: m.arrears_total_row(),
			due: sum('due'),
			paid: sum('paid'),
			outstanding: sum('outstanding'),
			rate: sum('due') > 0 ? sum('paid') / sum('due') : null,
			outstandingAll: sum('outstandingAll')
		}
	};
}
