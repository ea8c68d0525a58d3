import type { CellFormat } from './cell-format.ts';

/** A cell as exported: numbers stay numbers; dates and labels arrive already as the reader saw them. */
export type ExportCell = string | number | null;

export interface ExportColumn {
	key: string;
	label: string;
	format?: CellFormat;
}

/** The table a DataTable shows, as sent to `POST /api/export` and to the builders below. */
export interface ExportTable {
	name: string;
	columns: ExportColumn[];
	rows: Record<string, ExportCell>[];
	totals?: Record<string, ExportCell>;
}

const formulaStarts = ['=', '+', '-', '@', '\t', '\r'];

/**
 * Spreadsheet programs run text that starts like a formula (CSV injection). Such text gets a leading `'`
 * so it shows as typed; numbers — negative ones included — are values, never formulas, and stay as they are.
 */
export function neutraliseFormula<T extends ExportCell | undefined>(value: T): T | string {
	if (typeof value !== 'string' || value.length === 0) return value;
	return formulaStarts.includes(value[0]) ? `'${value}` : value;
}

function quoteCsvField(text: string): string {
	return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function writeCsvCell(value: ExportCell | undefined): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
	return quoteCsvField(neutraliseFormula(value));
}

/** The table lines in order: header labels, rows, then the totals row when there is one. */
export function listExportLines(table: ExportTable): ExportCell[][] {
	const pick = (record: Record<string, ExportCell>) =>
		table.columns.map((column) => record[column.key] ?? null);
	return [
		table.columns.map((column) => column.label),
		...table.rows.map(pick),
		...(table.totals ? [pick(table.totals)] : [])
	];
}

/**
 * RFC 4180 CSV with CRLF line ends and a UTF-8 BOM, which Excel needs to read Chinese text as UTF-8.
 * Header labels are neutralised like any other text.
 */
export function buildCsv(table: ExportTable): string {
	const lines = listExportLines(table).map((line) => line.map(writeCsvCell).join(','));
	return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/**
 * A download name without path separators, control or reserved characters (letters of any script kept),
 * at most 80 characters; `export` when nothing usable is left. Never used as a file system path.
 */
export function sanitiseFileName(name: string): string {
	const cleaned = name
		.normalize('NFC')
		.replace(/[\p{Cc}\p{Cf}/\\:*?"<>|]+/gu, '_')
		.replace(/\s+/g, ' ')
		.replace(/^[\s.]+|[\s.]+$/g, '')
		.slice(0, 80);
	return cleaned.length > 0 ? cleaned : 'export';
}
