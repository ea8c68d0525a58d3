import { isNumericFormat, formatCell, type CellFormat } from '$lib/export/cell-format.ts';
import type { ExportCell, ExportTable } from '$lib/export/table-export.ts';

export type DataTableCell = string | number | boolean | null;
export type DataTableRow = Record<string, DataTableCell>;

export interface DataTableColumn {
	key: string;
	label: string;
	format?: Exclude<CellFormat, 'month'>;
	align?: 'start' | 'end';
	sortable?: boolean;
}

export interface DataTableSort {
	key: string;
	direction: 'asc' | 'desc';
}

function compareCells(a: DataTableCell | undefined, b: DataTableCell | undefined, locale: string): number {
	if (typeof a === 'number' && typeof b === 'number') return a - b;
	if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
	return String(a).localeCompare(String(b), locale, { numeric: true });
}

/** A stable sort; empty cells go last in either direction, as readers expect missing figures at the end. */
export function sortRows(
	rows: DataTableRow[],
	sort: DataTableSort | undefined,
	locale: string
): DataTableRow[] {
	if (!sort) return rows;
	const sign = sort.direction === 'asc' ? 1 : -1;
	return [...rows].sort((rowA, rowB) => {
		const a = rowA[sort.key];
		const b = rowB[sort.key];
		const aEmpty = a === null || a === undefined || a === '';
		const bEmpty = b === null || b === undefined || b === '';
		if (aEmpty || bEmpty) return Number(aEmpty) - Number(bEmpty);
		return sign * compareCells(a, b, locale);
	});
}

/** The sort after a click on a column's header: ascending first, then flipping. */
export function toggleSort(current: DataTableSort | undefined, key: string): DataTableSort {
	return current?.key === key && current.direction === 'asc'
		? { key, direction: 'desc' }
		: { key, direction: 'asc' };
}

function toExportCell(value: DataTableCell | undefined, column: DataTableColumn): ExportCell {
	if (value === null || value === undefined || value === '') return null;
	if (typeof value === 'number' && isNumericFormat(column.format)) return value;
	return formatCell(value, column.format);
}

/**
 * What is on screen as an export: the shown rows in the shown order, the headers as labelled, the totals;
 * figures stay numbers, everything else is the text the reader sees (dates as formatted, yes/no words).
 */
export function buildVisibleTable(
	name: string,
	columns: DataTableColumn[],
	rows: DataTableRow[],
	totals?: Record<string, string | number | null>
): ExportTable {
	const toRecord = (row: Record<string, DataTableCell>) =>
		Object.fromEntries(columns.map((column) => [column.key, toExportCell(row[column.key], column)]));
	return {
		name,
		columns: columns.map(({ key, label, format }) => ({ key, label, ...(format ? { format } : {}) })),
		rows: rows.map(toRecord),
		...(totals ? { totals: toRecord(totals) } : {})
	};
}
