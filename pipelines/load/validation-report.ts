import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { CellValue, SheetRow } from '../readers/sheet-row.ts';
import { headerSearchRows, rankKindCandidates } from './header-mapping.ts';
import { cliLimits } from './limits.ts';
import { isBlankRow } from './row-classes.ts';
import { openRowSource } from './row-source.ts';

export const errorColumnHeader = '错误 error';

export interface ValidationReportRequest {
	filePath: string;
	/** The name the user knows the file by, for messages. */
	fileName: string;
	sheetName?: string;
	/** Problems by Excel row number, as previewFile or a batch's quarantine lists them. */
	problems: readonly { row: number; column: string | null; value?: string | null; reason: string }[];
	format: 'csv' | 'xlsx';
	outputPath: string;
	/** Where the header is, when the caller knows (previewFile's headerRowNumber); found otherwise. */
	headerRowNumber?: number | null;
}

/** "column: reason" per problem, joined with "; ", by row. */
function groupProblems(problems: ValidationReportRequest['problems']): Map<number, string> {
	const byRow = new Map<number, string[]>();
	for (const p of problems) {
		const text = p.column ? `${p.column}: ${p.reason}` : p.reason;
		const list = byRow.get(p.row) ?? [];
		list.push(text);
		byRow.set(p.row, list);
	}
	return new Map([...byRow].map(([row, texts]) => [row, texts.join('; ')]));
}

/** A header found the way a load finds it, else the first row with any value. */
function findHeaderRowNumber(rows: readonly SheetRow[]): number {
	const best = rankKindCandidates(rows.slice(0, headerSearchRows))[0];
	return best?.headerRowNumber ?? rows.find((r) => !isBlankRow(r.cells))?.rowNumber ?? 1;
}

/** A date read from a workbook holds the wall-clock time in its UTC fields (xlsx-cells.ts). */
function formatDate(date: Date): string {
	const iso = date.toISOString();
	return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
}

function formatCsvCell(cell: CellValue): string {
	if (cell === null || cell === undefined) return '';
	const text = cell instanceof Date ? formatDate(cell) : String(cell);
	return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Writes the file back in its original layout — every row our readers read, title rows and header
 * included, at their own row numbers — with an `错误 error` column giving each bad row's problems.
 * The user fixes the cells and uploads the report itself; the extra column is just an unknown header.
 */
export async function writeValidationReport(request: ValidationReportRequest): Promise<{ rows: number }> {
	const { rows: source } = await openRowSource(request.filePath, request.fileName, {
		limits: cliLimits,
		sheetName: request.sheetName
	});
	const rows: SheetRow[] = [];
	for await (const chunk of source) rows.push(...chunk);
	const width = rows.reduce((max, r) => Math.max(max, r.cells.length), 0);
	const headerRowNumber = request.headerRowNumber ?? findHeaderRowNumber(rows);
	const errors = groupProblems(request.problems);
	const errorCell = (row: SheetRow): string | null =>
		row.rowNumber === headerRowNumber ? errorColumnHeader : (errors.get(row.rowNumber) ?? null);
	if (request.format === 'csv') writeCsvReport(request.outputPath, rows, width, errorCell);
	else await writeXlsxReport(request.outputPath, rows, width, errorCell);
	return { rows: rows.length };
}

function writeCsvReport(
	outputPath: string,
	rows: readonly SheetRow[],
	width: number,
	errorCell: (row: SheetRow) => string | null
): void {
	const lines: string[] = [];
	let next = 1;
	for (const row of rows) {
		// Rows a reader left out (blank lines) stay blank, so every row keeps its number.
		for (; next < row.rowNumber; next++) lines.push('');
		const cells = Array.from({ length: width }, (_, i) => formatCsvCell(row.cells[i] ?? null));
		cells.push(formatCsvCell(errorCell(row)));
		lines.push(cells.join(','));
		next = row.rowNumber + 1;
	}
	// A BOM so Excel opens the UTF-8 as UTF-8, not in the system's code page.
	fs.writeFileSync(outputPath, '\uFEFF' + lines.join('\r\n') + '\r\n', 'utf8');
}

async function writeXlsxReport(
	outputPath: string,
	rows: readonly SheetRow[],
	width: number,
	errorCell: (row: SheetRow) => string | null
): Promise<void> {
	const workbook = new ExcelJS.Workbook();
	const sheet = workbook.addWorksheet('Report');
	for (const row of rows) {
		const target = sheet.getRow(row.rowNumber);
		const values: CellValue[] = [...row.cells];
		while (values.length < width) values.push(null);
		values.push(errorCell(row));
		values.forEach((value, i) => {
			if (value === null || value === undefined) return;
			const cell = target.getCell(i + 1);
			// Plain values only: a string is stored as a string, so "=…" is text and never a formula.
			cell.value = value;
			if (value instanceof Date)
				cell.numFmt = formatDate(value).length > 10 ? 'yyyy-mm-dd hh:mm:ss' : 'yyyy-mm-dd';
		});
	}
	sheet.getColumn(width + 1).width = 48;
	await workbook.xlsx.writeFile(outputPath);
}
