import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReaderInfo, ReadLimits, SheetRow } from './sheet-row.ts';
import { readXlsxRows } from './xlsx.reader.ts';
import {
	buildZip,
	buildHandWorkbookEntries,
	makeTempDir,
	patchZipEntry,
	type HandSheet
} from './zip-fixtures.test-helper.ts';

const LIMITS: ReadLimits = {
	maxRows: 10_000,
	maxColumns: 50,
	maxZipEntries: 100,
	maxUncompressedBytes: 100 * 1024 * 1024
};

let dir: string;
beforeAll(() => {
	dir = makeTempDir();
});
afterAll(() => {
	fs.rmSync(dir, { recursive: true, force: true });
});

async function writeWorkbook(name: string, build: (workbook: ExcelJS.Workbook) => void): Promise<string> {
	const workbook = new ExcelJS.Workbook();
	build(workbook);
	const filePath = path.join(dir, name);
	await workbook.xlsx.writeFile(filePath);
	return filePath;
}

function writeHandWorkbook(
	name: string,
	sheets: HandSheet[],
	workbookPr?: string,
	sharedStrings?: string[]
): string {
	const filePath = path.join(dir, name);
	fs.writeFileSync(filePath, buildZip(buildHandWorkbookEntries({ sheets, workbookPr, sharedStrings })));
	return filePath;
}

async function readAll(
	filePath: string,
	options: { sheetName?: string; limits?: ReadLimits; chunkRows?: number } = {}
): Promise<{ rows: SheetRow[]; info: ReaderInfo; batchSizes: number[] }> {
	const info = {} as ReaderInfo;
	const rows: SheetRow[] = [];
	const batchSizes: number[] = [];
	for await (const batch of readXlsxRows(filePath, { limits: LIMITS, info, ...options })) {
		batchSizes.push(batch.length);
		rows.push(...batch);
	}
	return { rows, info, batchSizes };
}

async function readError(filePath: string, options: { sheetName?: string; limits?: ReadLimits } = {}) {
	try {
		await readAll(filePath, options);
	} catch (error) {
		const { code, message } = error as { code: string; message: string };
		return { code, message };
	}
	throw new Error('expected the read to fail');
}

describe('readXlsxRows: layout', () => {
	it('keeps Excel row numbers under a title row and fills merged cells across and down', async () => {
		const filePath = await writeWorkbook('layout.xlsx', (workbook) => {
			const sheet = workbook.addWorksheet('Work orders');
			sheet.getCell('A1').value = 'Work orders — March';
			sheet.mergeCells('A1:D1');
			sheet.getRow(3).values = ['Area', 'Building', 'Unit', 'Cost'];
			sheet.getRow(4).values = ['North', 'B1', '101', 120.5];
			sheet.getRow(5).values = [null, 'B1', '102', 80];
			sheet.getRow(6).values = [null, 'B2', '201', 42];
			sheet.mergeCells('A4:A6');
			sheet.getRow(7).values = ['South', 'B9', '901', 7];
		});

		const { rows, info } = await readAll(filePath);

		expect(info).toEqual({ format: 'xlsx', sheetName: 'Work orders', date1904: false });
		expect(rows).toEqual([
			{
				rowNumber: 1,
				cells: ['Work orders — March', 'Work orders — March', 'Work orders — March', 'Work orders — March']
			},
			{ rowNumber: 3, cells: ['Area', 'Building', 'Unit', 'Cost'] },
			{ rowNumber: 4, cells: ['North', 'B1', '101', 120.5] },
			{ rowNumber: 5, cells: ['North', 'B1', '102', 80] },
			{ rowNumber: 6, cells: ['North', 'B2', '201', 42] },
			{ rowNumber: 7, cells: ['South', 'B9', '901', 7] }
		]);
	});

	it('fills gaps with null from column A and yields batches of the requested size', async () => {
		const filePath = await writeWorkbook('gaps.xlsx', (workbook) => {
			const sheet = workbook.addWorksheet('Data');
			sheet.getCell('C1').value = 'c';
			sheet.getCell('E1').value = 'e';
			for (let row = 2; row <= 5; row++) sheet.getCell(`A${row}`).value = row;
		});

		const { rows, batchSizes } = await readAll(filePath, { chunkRows: 2 });

		expect(batchSizes).toEqual([2, 2, 1]);
		expect(rows[0]).toEqual({ rowNumber: 1, cells: [null, null, 'c', null, 'e'] });
		expect(rows.slice(1).map((row) => row.cells)).toEqual([[2], [3], [4], [5]]);
	});
	it('reads parts stored under names other than the usual ones', async () => {
		const entries = buildHandWorkbookEntries({
			sheets: [{ name: 'Data', rows: '<row r="2"><c r="B2" t="s"><v>0</v></c></row>' }],
			sharedStrings: ['moved']
		}).map((entry) => {
			const renamed: Record<string, string> = {
				'xl/worksheets/sheet1.xml': 'xl/custom/data.xml',
				'xl/sharedStrings.xml': 'xl/strings/shared.xml'
			};
			const data = String(entry.data)
				.replace('Target="worksheets/sheet1.xml"', 'Target="/xl/custom/data.xml"')
				.replace('Target="sharedStrings.xml"', 'Target="strings/shared.xml"');
			return { ...entry, name: renamed[entry.name] ?? entry.name, data };
		});
		const filePath = path.join(dir, 'renamed.xlsx');
		fs.writeFileSync(filePath, buildZip(entries));

		const { rows } = await readAll(filePath);

		expect(rows).toEqual([{ rowNumber: 2, cells: [null, 'moved'] }]);
	});

	it('closes cleanly when the caller stops after the first batch', async () => {
		const filePath = await writeWorkbook('stop-early.xlsx', (workbook) => {
			const sheet = workbook.addWorksheet('Data');
			for (let row = 1; row <= 50; row++) sheet.getCell(`A${row}`).value = row;
		});
		const info = {} as ReaderInfo;
		const seen: number[] = [];
		for await (const batch of readXlsxRows(filePath, { limits: LIMITS, info, chunkRows: 10 })) {
			seen.push(...batch.map((row) => row.rowNumber));
			break;
		}
		expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
		expect((await readAll(filePath)).rows.length).toBe(50);
	});
});

describe('readXlsxRows: choosing the sheet', () => {
	const buildSheets = (workbook: ExcelJS.Workbook) => {
		workbook.addWorksheet('Lookup', { state: 'hidden' }).getCell('A1').value = 'hidden value';
		workbook.addWorksheet('Cover');
		workbook.addWorksheet('Data').getCell('A1').value = 'visible value';
		workbook.addWorksheet('Secret', { state: 'veryHidden' }).getCell('A1').value = 'secret';
	};

	it('skips a hidden first sheet and an empty visible one', async () => {
		const filePath = await writeWorkbook('sheets.xlsx', buildSheets);
		const { rows, info } = await readAll(filePath);
		expect(info.sheetName).toBe('Data');
		expect(rows).toEqual([{ rowNumber: 1, cells: ['visible value'] }]);
	});

	it('reads the sheet named by the caller, even a hidden one, ignoring case', async () => {
		const filePath = await writeWorkbook('sheets-named.xlsx', buildSheets);
		const { rows, info } = await readAll(filePath, { sheetName: 'lookup' });
		expect(info.sheetName).toBe('Lookup');
		expect(rows).toEqual([{ rowNumber: 1, cells: ['hidden value'] }]);
	});

	it('names the available sheets when the requested one is missing', async () => {
		const filePath = await writeWorkbook('sheets-missing.xlsx', buildSheets);
		expect(await readError(filePath, { sheetName: 'Invoices' })).toEqual({
			code: 'unreadable',
			message:
				'sheets-missing.xlsx has no sheet named "Invoices". Available sheets: "Lookup" (hidden), "Cover", "Data"'
		});
	});

	it('reports a workbook whose sheets are all empty', async () => {
		const filePath = await writeWorkbook('empty.xlsx', (workbook) => {
			workbook.addWorksheet('Sheet1');
			workbook.addWorksheet('Sheet2').getCell('B2').numFmt = '0.00';
		});
		expect(await readError(filePath)).toEqual({ code: 'empty-file', message: 'empty.xlsx has no data' });
	});
});

describe('readXlsxRows: cell values', () => {
	it('converts strings, numbers, booleans, dates, formulas, rich text, hyperlinks and errors', async () => {
		const filePath = await writeWorkbook('values.xlsx', (workbook) => {
			const sheet = workbook.addWorksheet('Values');
			sheet.getCell('A1').value = 2;
			sheet.getCell('B1').value = { formula: 'A1*2', result: 4 };
			sheet.getCell('C1').value = { formula: 'A1*3' };
			sheet.getCell('D1').value = {
				richText: [{ text: 'Leaking ', font: { bold: true } }, { text: 'roof' }]
			};
			sheet.getCell('E1').value = { text: 'Ticket 42', hyperlink: 'https://example.com/42' };
			sheet.getCell('F1').value = { error: '#N/A' };
			sheet.getCell('G1').value = { formula: 'A1/0', result: { error: '#DIV/0!' } };
			sheet.getCell('H1').value = true;
			sheet.getCell('I1').value = new Date(Date.UTC(2024, 2, 31, 17, 45));
			sheet.getCell('I1').numFmt = 'yyyy-mm-dd hh:mm';
			sheet.getCell('J1').value = { formula: 'I1+1', result: 45383.5 };
			sheet.getCell('J1').numFmt = 'dd/mm/yyyy';
			sheet.getCell('K1').value = { formula: 'B1&"x"', result: '4x' };
			sheet.getCell('L1').value = 45383.5;
		});

		const { rows } = await readAll(filePath);

		expect(rows).toEqual([
			{
				rowNumber: 1,
				cells: [
					2,
					4,
					null,
					'Leaking roof',
					'Ticket 42',
					'#N/A',
					'#DIV/0!',
					true,
					new Date(Date.UTC(2024, 2, 31, 17, 45)),
					new Date(Date.UTC(2024, 3, 1, 12, 0)),
					'4x',
					45383.5
				]
			}
		]);
	});

	it('reads empty strings as empty cells', async () => {
		const row =
			'<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="str"><v></v></c><c r="C1" t="s"><v>1</v></c></row>';
		const filePath = writeHandWorkbook('empty-strings.xlsx', [{ name: 'S', rows: row }], undefined, [
			'',
			'x'
		]);
		expect((await readAll(filePath)).rows).toEqual([{ rowNumber: 1, cells: [null, null, 'x'] }]);
	});

	it('reads dates of a 1904 workbook written by exceljs as the dates Excel shows', async () => {
		const shown = new Date(Date.UTC(2024, 0, 15, 13, 30));
		const filePath = await writeWorkbook('dates-1904.xlsx', (workbook) => {
			workbook.properties.date1904 = true;
			const sheet = workbook.addWorksheet('Dates');
			sheet.getCell('A1').value = shown;
			sheet.getCell('A1').numFmt = 'yyyy-mm-dd hh:mm';
		});

		const { rows, info } = await readAll(filePath);

		expect(info.date1904).toBe(true);
		expect(rows).toEqual([{ rowNumber: 1, cells: [shown] }]);
	});

	// serial 43844.5625 is 2020-01-14 13:30 in the 1900 system and 2024-01-15 13:30 in the 1904 system
	const serialRow =
		'<row r="1"><c r="A1" s="1"><v>43844.5625</v></c><c r="B1" s="1"><f>A1+1</f><v>43845.5625</v></c><c r="C1"><v>43844.5625</v></c></row>';
	it.each([
		['no workbookPr', undefined, false, new Date(Date.UTC(2020, 0, 14, 13, 30))],
		['date1904="1"', '<workbookPr date1904="1"/>', true, new Date(Date.UTC(2024, 0, 15, 13, 30))],
		['date1904="true"', '<workbookPr date1904="true"/>', true, new Date(Date.UTC(2024, 0, 15, 13, 30))]
	])('reads date serials with %s', async (_label, workbookPr, date1904, expected) => {
		const filePath = writeHandWorkbook(
			`serials-${String(date1904)}-${_label.length}.xlsx`,
			[{ name: 'S', rows: serialRow }],
			workbookPr
		);

		const { rows, info } = await readAll(filePath);

		expect(info.date1904).toBe(date1904);
		const nextDay = new Date(expected.getTime() + 86_400_000);
		expect(rows).toEqual([{ rowNumber: 1, cells: [expected, nextDay, 43844.5625] }]);
	});

	it('patches a real workbook to date1904="true" and still shows the written date', async () => {
		const shown = new Date(Date.UTC(2023, 11, 24, 8, 0));
		const filePath = await writeWorkbook('dates-1904-true.xlsx', (workbook) => {
			workbook.properties.date1904 = true;
			const sheet = workbook.addWorksheet('Dates');
			sheet.getCell('A1').value = shown;
			sheet.getCell('A1').numFmt = 'yyyy-mm-dd hh:mm';
		});
		await patchZipEntry(filePath, 'xl/workbook.xml', (xml) => {
			expect(xml).toContain('date1904="1"');
			return xml.replace('date1904="1"', 'date1904="true"');
		});

		const { rows } = await readAll(filePath);

		expect(rows).toEqual([{ rowNumber: 1, cells: [shown] }]);
	});

	it('keeps multi-byte characters intact across inflate chunk boundaries', async () => {
		const makeText = (index: number) => `物业管理费用${index}号楼维修工单——已完成`;
		const shared = await writeWorkbook('chinese-shared.xlsx', (workbook) => {
			const sheet = workbook.addWorksheet('数据');
			for (let row = 1; row <= 3000; row++) sheet.getCell(`A${row}`).value = makeText(row);
		});
		const inlinePath = path.join(dir, 'chinese-inline.xlsx');
		const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: inlinePath, useSharedStrings: false });
		const inlineSheet = writer.addWorksheet('数据');
		for (let row = 1; row <= 3000; row++) inlineSheet.addRow([makeText(row)]).commit();
		inlineSheet.commit();
		await writer.commit();

		for (const filePath of [shared, inlinePath]) {
			const { rows, info } = await readAll(filePath);
			expect(info.sheetName).toBe('数据');
			expect(rows.length).toBe(3000);
			const wrong = rows.filter((row) => row.cells[0] !== makeText(row.rowNumber));
			expect(wrong).toEqual([]);
		}
	});
});

describe('readXlsxRows: limits', () => {
	const addTenRows = (workbook: ExcelJS.Workbook) => {
		const sheet = workbook.addWorksheet('Data');
		for (let row = 1; row <= 10; row++) sheet.getRow(row).values = [row, `unit ${row}`];
	};

	it('stops with too-many-rows past the row limit', async () => {
		const filePath = await writeWorkbook('rows.xlsx', addTenRows);
		expect(await readError(filePath, { limits: { ...LIMITS, maxRows: 9 } })).toEqual({
			code: 'too-many-rows',
			message: 'rows.xlsx has more than 9 rows of data'
		});
		expect((await readAll(filePath, { limits: { ...LIMITS, maxRows: 10 } })).rows.length).toBe(10);
	});

	it('stops with too-many-columns past the column limit', async () => {
		const filePath = await writeWorkbook('columns.xlsx', (workbook) => {
			workbook.addWorksheet('Data').getRow(2).values = [1, 2, 3, 4];
		});
		expect(await readError(filePath, { limits: { ...LIMITS, maxColumns: 3 } })).toEqual({
			code: 'too-many-columns',
			message: 'columns.xlsx has more than 3 columns (row 2 reaches column 4)'
		});
	});

	it('clips a merged title that spans the whole row to the column limit', async () => {
		const filePath = writeHandWorkbook(
			'wide-merge.xlsx',
			[
				{
					name: 'S',
					rows: '<row r="1"><c r="A1" t="s"><v>0</v></c></row>',
					tail: '<mergeCells count="1"><mergeCell ref="A1:XFD1"/></mergeCells>'
				}
			],
			undefined,
			['Title']
		);
		const { rows } = await readAll(filePath, { limits: { ...LIMITS, maxColumns: 5 } });
		expect(rows).toEqual([{ rowNumber: 1, cells: ['Title', 'Title', 'Title', 'Title', 'Title'] }]);
	});

	it('refuses an unsafe archive before reading it', async () => {
		const filePath = path.join(dir, 'evil.xlsx');
		const entries = buildHandWorkbookEntries({ sheets: [{ name: 'S', rows: '' }] });
		fs.writeFileSync(filePath, buildZip([...entries, { name: '../evil.xml', data: '<x/>' }]));
		expect(await readError(filePath)).toEqual({
			code: 'unsafe-archive',
			message: 'evil.xlsx was refused as unsafe: the entry "../evil.xml" points outside the archive'
		});
	});
});
