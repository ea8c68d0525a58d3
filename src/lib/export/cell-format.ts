import {
	formatDateTime,
	formatDay,
	formatDecimal,
	formatInteger,
	formatMoney,
	formatMonth,
	formatPercent
} from '$lib/i18n/format.ts';
import { m } from '$lib/paraglide/messages.js';

export type CellFormat = 'integer' | 'percent' | 'decimal' | 'text' | 'day' | 'datetime' | 'money' | 'month';

export type CellValue = string | number | boolean | null | undefined;

const numericFormats = new Set<CellFormat>(['integer', 'percent', 'decimal', 'money']);

/** Columns whose values stay numbers in exports (and are right-aligned on screen). */
export function isNumericFormat(format: CellFormat | undefined): boolean {
	return format !== undefined && numericFormats.has(format);
}

/** A cell as the reader sees it; tables, chart table views and exports all call this one function. */
export function formatCell(value: CellValue, format: CellFormat = 'text'): string {
	if (value === null || value === undefined || value === '') return '—';
	if (typeof value === 'boolean') return value ? m.table_yes() : m.table_no();
	if (typeof value === 'number') {
		if (format === 'percent') return formatPercent(value);
		if (format === 'decimal') return formatDecimal(value);
		if (format === 'money') return formatMoney(value);
		if (format === 'integer') return formatInteger(value);
		return String(value);
	}
	if (format === 'day') return formatDay(value);
	if (format === 'datetime') return formatDateTime(value);
	if (format === 'month') return formatMonth(value);
	return value;
}
