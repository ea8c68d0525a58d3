import ExcelJS from 'exceljs';
import type { CellFormat } from '$lib/export/cell-format.ts';
import {
	listExportLines,
	neutraliseFormula,
	type ExportCell,
	type ExportTable
} from '$lib/export/table-export.ts';

const numberFormats: Partial<Record<CellFormat, string>> = {
	integer: '#,##0',
	decimal: '#,##0.0',
	percent: '0.0%',
	money: '#,##0.00'
};

/** Excel refuses sheet names over 31 characters or containing []:*?/\ (and leading/trailing quotes). */
export function sanitiseSheetName(name: string): string {
	const cleaned = name
		.replace(/[[\]:*?/\\\p{Cc}]+/gu, '_')
		.replace(/^'+|'+$/g, '')
		.trim()
		.slice(0, 31)
		.trim();
	return cleaned.length > 0 ? cleaned : 'Sheet1';
}

function writeCell(value: ExportCell | undefined): string | number | null {
	if (value === null || value === undefined) return null;
	if (typeof value === 'number') return Number.isFinite(value) ? value : null;
	// A plain string is never a formula in exceljs, but the file may be re-saved as CSV or pasted elsewhere.
	return neutraliseFormula(value);
}

function measureWidth(value: ExportCell | undefined): number {
	if (value === null || value === undefined) return 0;
	const text = typeof value === 'number' ? value.toLocaleString('en') : value;
	// CJK characters take about two columns of width.
	let width = 0;
	for (const char of text) width += /[\u1100-\uFFFF]/.test(char) ? 2 : 1;
	return width;
}

/**
 * The table as one worksheet: bold header, numbers as numbers with a number format per column (percent as
 * `0.0%`), text neutralised and written as plain strings (never formulas), a bold totals row, fitted widths.
 */
function addTableSheet(workbook: ExcelJS.Workbook, table: ExportTable, sheetName: string): void {
	const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
	const lines = listExportLines(table);
	lines.forEach((line, index) => {
		const row = sheet.addRow(
			line.map((value) => (index === 0 ? neutraliseFormula(value) : writeCell(value)))
		);
		if (index === 0 || (table.totals && index === lines.length - 1)) row.font = { bold: true };
	});
	table.columns.forEach((column, index) => {
		const sheetColumn = sheet.getColumn(index + 1);
		const numberFormat = column.format ? numberFormats[column.format] : undefined;
		if (numberFormat) {
			sheetColumn.eachCell((cell, rowNumber) => {
				if (rowNumber > 1 && typeof cell.value === 'number') cell.numFmt = numberFormat;
			});
		}
		const widest = Math.max(...lines.map((line) => measureWidth(line[index])));
		sheetColumn.width = Math.min(60, Math.max(8, widest + 2));
	});
}

export async function buildXlsxWorkbook(table: ExportTable): Promise<Buffer> {
	return buildXlsxWorkbookOfTables([table]);
}

/** Several tables, one sheet each (names made unique within Excel's 31 characters), in the given order. */
export async function buildXlsxWorkbookOfTables(tables: readonly ExportTable[]): Promise<Buffer> {
	const workbook = new ExcelJS.Workbook();
	workbook.created = new Date(0);
	const used = new Set<string>();
	tables.forEach((table, index) => {
		let name = sanitiseSheetName(table.name);
		if (used.has(name.toLowerCase())) name = sanitiseSheetName(`${name.slice(0, 27)} ${index + 1}`);
		used.add(name.toLowerCase());
		addTableSheet(workbook, table, name);
	});
	return Buffer.from(await workbook.xlsx.writeBuffer());
}
