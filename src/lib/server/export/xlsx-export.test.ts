import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { ExportTable } from '$lib/export/table-export.ts';
import { buildXlsxWorkbook, sanitiseSheetName } from './xlsx-export.ts';

const table: ExportTable = {
	name: '投诉明细 [2026/10]',
	columns: [
		{ key: 'area', label: '区域 Area', format: 'text' },
		{ key: 'day', label: '日期', format: 'day' },
		{ key: 'count', label: 'Count', format: 'integer' },
		{ key: 'rate', label: 'Rate', format: 'percent' }
	],
	rows: [
		{ area: '翠湖花园', day: '2026/10/03', count: 12, rate: 0.25 },
		{ area: '=1+1', day: '2026/10/04', count: -3, rate: null },
		{ area: '@SUM(A1)', day: '—', count: 0, rate: 1 }
	],
	totals: { area: '合计', day: '', count: 9, rate: 0.5 }
};

async function readBack(buffer: Buffer) {
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
	return workbook.worksheets[0];
}

describe('buildXlsxWorkbook', () => {
	it('writes the headers, rows and totals as given, numbers as numbers', async () => {
		const sheet = await readBack(await buildXlsxWorkbook(table));
		const values: unknown[][] = [];
		sheet.eachRow((row) => values.push((row.values as unknown[]).slice(1)));
		expect(values).toEqual([
			['区域 Area', '日期', 'Count', 'Rate'],
			['翠湖花园', '2026/10/03', 12, 0.25],
			["'=1+1", '2026/10/04', -3],
			["'@SUM(A1)", '—', 0, 1],
			['合计', '', 9, 0.5]
		]);
	});

	it('never writes a formula, and formats numbers per column', async () => {
		const sheet = await readBack(await buildXlsxWorkbook(table));
		sheet.eachRow((row) =>
			row.eachCell((cell) => {
				expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
				expect(cell.formula).toBeUndefined();
			})
		);
		expect(sheet.getCell('D2').numFmt).toBe('0.0%');
		expect(sheet.getCell('C3').numFmt).toBe('#,##0');
		expect(sheet.getRow(1).font?.bold).toBe(true);
		expect(sheet.getRow(5).font?.bold).toBe(true);
		expect(sheet.getColumn(1).width).toBeGreaterThanOrEqual(8);
	});

	it('names the sheet safely', async () => {
		const sheet = await readBack(await buildXlsxWorkbook(table));
		expect(sheet.name).toBe('投诉明细 _2026_10_');
		expect(sanitiseSheetName('a'.repeat(40))).toHaveLength(31);
		expect(sanitiseSheetName('[]:*?/\\')).toBe('_');
		expect(sanitiseSheetName('')).toBe('Sheet1');
	});
});
