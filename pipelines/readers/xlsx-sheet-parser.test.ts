import { describe, expect, it } from 'vitest';
import type { CellValue } from './sheet-row.ts';
import { createCellContext } from './xlsx-cells.ts';
import { parseSheetRows, type SheetParseOptions } from './xlsx-sheet-parser.ts';

const styles: SheetParseOptions['styles'] = {
	getStyleModel: (id) => ({ 1: {}, 2: { numFmt: 'yyyy-mm-dd' }, 3: { numFmt: '0.00' } })[id] ?? null
};

function options(overrides: Partial<SheetParseOptions> = {}): SheetParseOptions {
	return {
		sharedStrings: ['plain', { richText: [{ text: 'ri' }, { text: 'ch' }] }, '', null],
		styles,
		cell: createCellContext(false, false),
		exceljsAssumed1904: false,
		maxColumns: 50,
		fileName: 'book.xlsx',
		...overrides
	};
}

async function readAll(xml: string, chunkSize: number, parse = options()) {
	const chunks = async function* () {
		const bytes = Buffer.from(xml);
		for (let at = 0; at < bytes.length; at += chunkSize) yield bytes.subarray(at, at + chunkSize);
	};
	const rows: { number: number; cells: CellValue[] }[] = [];
	for await (const batch of parseSheetRows(chunks(), parse)) rows.push(...batch);
	return rows;
}

const sheet = (rows: string) =>
	`<?xml version="1.0"?>\r\n<worksheet><!-- a <comment> --><sheetData>${rows}</sheetData>` +
	'<mergeCells><mergeCell ref="A1:B1"/></mergeCells></worksheet>';

describe('parseSheetRows', () => {
	const xml = sheet(
		'<row r="2"><c r="A2" t="s"><v>0</v></c><c r="C2" t="s"><v>1</v></c><c r="D2" t="s"><v>2</v></c>' +
			'<c r="E2" t="inlineStr"><is><r><t>first</t></r><r><t>last</t></r></is></c>' +
			'<c r="F2" t="str"><v>a &amp;amp; b\r\nc &#x4E2D;文</v></c><c r="G2" t="b"><v>1</v></c>' +
			'<c r="H2" t="e"><v>#N/A</v></c><c r="I2"><v>1.5</v></c><c r="J2" s="2"><v>45000.5</v></c>' +
			'<c r="K2" s="3"><v>7</v></c><c r="L2" s="2"/><c r="M2"><v><![CDATA[9]]></v></c></row>' +
			'<row r="3" s="2"><c r="A3"><v>45000</v></c><c r="B3" s="1"><v>45000</v></c></row>' +
			'<row><c t="s"><v>3</v></c><c><f>A1*2</f><v>45000</v></c><c s="2"><f>TODAY()</f><v>45000</v></c>' +
			'<c t="str"><f>A1</f><v></v></c><c t="e"><f>1/0</f><v>#DIV/0!</v></c><c t="b"><f>TRUE</f><v>1</v></c></row>' +
			'<row r="9"/>'
	);

	it('gives the values once read through exceljs cells, whatever the chunk boundaries', async () => {
		const expected = [
			{
				number: 2,
				cells: [
					'plain',
					null,
					'rich',
					null,
					'last',
					'a & b\nc 中文',
					true,
					'#N/A',
					1.5,
					new Date(Date.UTC(2023, 2, 15, 12)),
					7
				]
			},
			{ number: 3, cells: [new Date(Date.UTC(2023, 2, 15)), 45000] },
			{ number: 4, cells: [null, 45000, new Date(Date.UTC(2023, 2, 15)), null, '#DIV/0!', 1] },
			{ number: 9, cells: [] }
		];
		for (const size of [1, 3, 7, 64, 1 << 16]) expect(await readAll(xml, size)).toEqual(expected);
	});

	it('corrects the date system exceljs assumed', async () => {
		const parse = options({ cell: createCellContext(true, false), exceljsAssumed1904: false });
		const [row] = await readAll(sheet('<row r="1"><c r="A1" s="2"><v>0</v></c></row>'), 5, parse);
		expect(row.cells).toEqual([new Date(Date.UTC(1904, 0, 1))]);
	});

	it('stops at a value past the column limit, naming the row', async () => {
		const wide = sheet('<row r="4"><c r="A4"/><c r="AZ4"><v>1</v></c></row>');
		await expect(readAll(wide, 10)).rejects.toThrow('row 4 reaches column 52');
	});

	it('refuses an unknown entity', async () => {
		await expect(readAll(sheet('<row r="1"><c r="A1" t="str"><v>&bogus;</v></c></row>'), 8)).rejects.toThrow(
			'unknown entity'
		);
	});
});
