import type { DataTableColumn, DataTableRow, DataTableSort } from '$lib/components/data-table-rows.ts';
import { m } from '$lib/paraglide/messages.js';
import type { UnitNewlyInArrears } from '$lib/server/metrics/arrears-recovery.ts';
import type { ArrearsUnit } from '$lib/server/metrics/arrears-units.ts';
import { toCents } from './arrears-view.ts';

export function newlyInArrearsColumns(): DataTableColumn[] {
	return [
		{ key: 'unit', label: m.arrears_col_unit(), sortable: true },
		{ key: 'area', label: m.arrears_col_area(), sortable: true },
		{ key: 'building', label: m.arrears_col_building(), sortable: true },
		{ key: 'outstanding', label: m.arrears_col_outstanding(), format: 'money', sortable: true }
	];
}

export function describeNewlyInArrears(units: UnitNewlyInArrears[]): DataTableRow[] {
	return units.map((unit) => ({ ...unit, outstanding: toCents(unit.outstanding) }));
}

/**
 * The follow-up list's columns. Sortable keys are the URL's (snake_case: the record-table schema allows only
 * `[a-z_]`), which the server maps to its own.
 */
export function followUpColumns(): DataTableColumn[] {
	return [
		{ key: 'unit', label: m.arrears_col_unit(), sortable: true },
		{ key: 'area', label: m.arrears_col_area() },
		{ key: 'building', label: m.arrears_col_building() },
		{ key: 'outstanding', label: m.arrears_col_outstanding(), format: 'money', sortable: true },
		{ key: 'months_owed', label: m.arrears_col_months_owed(), format: 'integer', sortable: true },
		{ key: 'oldest_period', label: m.arrears_col_oldest_period() },
		{ key: 'last_payment_at', label: m.arrears_col_last_payment(), format: 'day', sortable: true },
		{ key: 'days_since', label: m.arrears_col_days_since(), format: 'integer' }
	];
}

export function describeFollowUpRows(units: ArrearsUnit[]): DataTableRow[] {
	return units.map((unit) => ({
		unit: unit.unit,
		area: unit.area,
		building: unit.building,
		outstanding: toCents(unit.outstanding),
		months_owed: unit.monthsOwed,
		oldest_period: unit.oldestUnpaidPeriod.slice(0, 7),
		last_payment_at: unit.lastPaymentAt,
		days_since: unit.daysSinceLastPayment
	}));
}

const followUpSortKeys: Record<string, string> = {
	monthsOwed: 'months_owed',
	lastPaymentAt: 'last_payment_at'
};

/** The server's sort (its own key names) as the table's column key. */
export function toFollowUpSort(sort: DataTableSort): DataTableSort {
	return { key: followUpSortKeys[sort.key] ?? sort.key, direction: sort.direction };
}

/** The export link: the page's query (filters, sort) without the page number — it writes every unit. */
export function buildFollowUpExportHref(search: URLSearchParams): string {
	const query = new URLSearchParams(search);
	query.delete('page');
	const text = query.toString();
	return `/arrears/follow-up${text ? `?${text}` : ''}`;
}
