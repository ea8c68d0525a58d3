import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReadLimits } from './sheet-row.ts';
import { parseRange } from './xlsx-cells.ts';
import { inspectXlsxArchive } from './zip-guard.ts';
import {
	buildZip,
	deflateZeros,
	buildHandWorkbookEntries,
	makeTempDir,
	type ZipEntrySpec
} from './zip-fixtures.test-helper.ts';

const LIMITS: ReadLimits = {
	maxRows: 100_000,
	maxColumns: 200,
	maxZipEntries: 50,
	maxUncompressedBytes: 50 * 1024 * 1024
};

let dir: string;
beforeAll(() => {
	dir = makeTempDir();
});
afterAll(() => {
	fs.rmSync(dir, { recursive: true, force: true });
});

function writeZip(name: string, entries: ZipEntrySpec[], hidden: ZipEntrySpec[] = []): string {
	const filePath = path.join(dir, name);
	fs.writeFileSync(filePath, buildZip(entries, hidden));
	return filePath;
}

/** A valid one-sheet workbook with one extra part, for the malicious variants. */
function buildWorkbookWith(extra: ZipEntrySpec): ZipEntrySpec[] {
	return [
		...buildHandWorkbookEntries({
			sheets: [{ name: 'Data', rows: '<row r="1"><c r="A1"><v>1</v></c></row>' }]
		}),
		extra
	];
}

async function captureRefusal(
	filePath: string,
	limits: ReadLimits = LIMITS
): Promise<{ code: string; message: string }> {
	try {
		await inspectXlsxArchive(filePath, limits);
	} catch (error) {
		const { code, message } = error as { code: string; message: string };
		return { code, message };
	}
	throw new Error('expected the archive to be refused');
}

/** Runs the inspection while sampling RSS, so a bomb that inflates into memory would show. */
async function measureRefusal(filePath: string) {
	const before = process.memoryUsage().rss;
	let peak = before;
	const sampler = setInterval(() => {
		peak = Math.max(peak, process.memoryUsage().rss);
	}, 2);
	const started = performance.now();
	const result = await captureRefusal(filePath);
	const seconds = (performance.now() - started) / 1000;
	clearInterval(sampler);
	peak = Math.max(peak, process.memoryUsage().rss);
	return { ...result, seconds, growthMb: (peak - before) / 1024 / 1024 };
}

describe('inspectXlsxArchive on real workbooks', () => {
	it('collects sheets, states, part paths, merged ranges and the date system from an exceljs workbook', async () => {
		const workbook = new ExcelJS.Workbook();
		workbook.addWorksheet('Lookup', { state: 'hidden' }).getCell('A1').value = 'x';
		const data = workbook.addWorksheet('Data');
		data.getCell('A1').value = 'Monthly report';
		data.mergeCells('A1:D1');
		data.mergeCells('A3:A5');
		workbook.addWorksheet('Empty');
		const filePath = path.join(dir, 'facts.xlsx');
		await workbook.xlsx.writeFile(filePath);

		const facts = await inspectXlsxArchive(filePath, LIMITS);

		expect(facts.date1904).toBe(false);
		expect(
			facts.sheets.map(({ name, state, partPath, hasValues }) => ({ name, state, partPath, hasValues }))
		).toEqual([
			{ name: 'Lookup', state: 'hidden', partPath: 'xl/worksheets/sheet1.xml', hasValues: true },
			{ name: 'Data', state: 'visible', partPath: 'xl/worksheets/sheet2.xml', hasValues: true },
			{ name: 'Empty', state: 'visible', partPath: 'xl/worksheets/sheet3.xml', hasValues: false }
		]);
		expect(facts.sheets[1].mergedRanges).toEqual([
			{ ref: 'A1:D1', top: 1, bottom: 1, left: 0, right: 3 },
			{ ref: 'A3:A5', top: 3, bottom: 5, left: 0, right: 0 }
		]);
		expect(facts.sheets[0].mergedRanges).toEqual([]);
		expect(facts.uncompressedBytes).toBeGreaterThan(1000);
	});

	it.each([
		['<workbookPr date1904="1"/>', true],
		['<workbookPr date1904="true"/>', true],
		['<workbookPr date1904="0"/>', false],
		['<workbookPr defaultThemeVersion="164011"/>', false]
	])('reads %s as date1904 = %s', async (workbookPr, expected) => {
		const entries = buildHandWorkbookEntries({ workbookPr, sheets: [{ name: 'S', rows: '' }] });
		const facts = await inspectXlsxArchive(writeZip(`wbpr-${String(expected)}.xlsx`, entries), LIMITS);
		expect(facts.date1904).toBe(expected);
	});

	it('finds markers cut by inflate chunk boundaries and resolves absolute relationship targets', async () => {
		const chunk = 128 * 1024;
		const head =
			'<?xml version="1.0"?><worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>';
		// '<mergeCell ' starts five bytes before the first 128 KiB output chunk ends
		const padding = ' '.repeat(chunk - 5 - head.length - '<mergeCells>'.length);
		const sheet = `${head}${padding}<mergeCells><mergeCell ref="B2:C3"/></mergeCells></worksheet>`;
		const entries = buildHandWorkbookEntries({ sheets: [{ name: 'Data', rows: '' }] })
			.filter((entry) => !entry.name.startsWith('xl/worksheets/'))
			.map((entry) =>
				entry.name === 'xl/_rels/workbook.xml.rels'
					? { ...entry, data: String(entry.data).replace('Target="worksheets/', 'Target="/xl/worksheets/') }
					: entry
			);
		entries.push({ name: 'xl/worksheets/sheet1.xml', data: sheet });
		const facts = await inspectXlsxArchive(writeZip('boundary.xlsx', entries), LIMITS);
		expect(sheet.indexOf('<mergeCell ')).toBeLessThan(chunk);
		expect(sheet.indexOf('<mergeCell ') + 20).toBeGreaterThan(chunk);
		expect(facts.sheets).toEqual([
			{
				name: 'Data',
				state: 'visible',
				relationshipId: 'rId1',
				partPath: 'xl/worksheets/sheet1.xml',
				hasValues: true,
				mergedRanges: [{ ref: 'B2:C3', top: 2, bottom: 3, left: 1, right: 2 }]
			}
		]);
	});

	it('parses merged references, ignoring single cells and junk', () => {
		expect(parseRange('$AA$10:AB12')).toEqual({
			ref: '$AA$10:AB12',
			top: 10,
			bottom: 12,
			left: 26,
			right: 27
		});
		expect(parseRange('C3:C3')).toBeNull();
		expect(parseRange('not a range')).toBeNull();
	});
});

describe('inspectXlsxArchive refuses unsafe archives', () => {
	it('refuses a zip bomb whose headers admit its size, without inflating it', async () => {
		const bomb = deflateZeros(200);
		expect(bomb.data.length).toBeLessThan(300 * 1024);
		const filePath = writeZip(
			'bomb.xlsx',
			buildWorkbookWith({ name: 'xl/media/zeros.bin', data: '', deflated: bomb })
		);

		const result = await measureRefusal(filePath);

		expect(result.code).toBe('unsafe-archive');
		expect(result.message).toBe('bomb.xlsx was refused as unsafe: it unpacks to more than 52 MB');
		expect(result.seconds).toBeLessThan(2);
		expect(result.growthMb).toBeLessThan(100);
	});

	it('aborts a zip bomb whose headers claim a small size as soon as it inflates past it', async () => {
		const bomb = deflateZeros(200);
		const filePath = writeZip(
			'lying-bomb.xlsx',
			buildWorkbookWith({ name: 'xl/worksheets/sheet9.xml', data: '', deflated: { ...bomb, size: 1000 } })
		);

		const result = await measureRefusal(filePath);

		expect(result.code).toBe('unsafe-archive');
		expect(result.message).toBe(
			'lying-bomb.xlsx was refused as unsafe: the entry "xl/worksheets/sheet9.xml" unpacks to a different size than the archive records'
		);
		expect(result.seconds).toBeLessThan(2);
		expect(result.growthMb).toBeLessThan(100);
	});

	it('counts inflated bytes against the limit even when the headers claim the archive is tiny', async () => {
		const zeros = deflateZeros(1);
		const entries = buildWorkbookWith({ name: 'xl/media/a.bin', data: '', deflated: { ...zeros, size: 10 } });
		const result = await captureRefusal(writeZip('total.xlsx', entries), {
			...LIMITS,
			maxUncompressedBytes: 100 * 1024
		});
		expect(result).toEqual({
			code: 'unsafe-archive',
			message: 'total.xlsx was refused as unsafe: it unpacks to more than 102 KB'
		});
	});

	it('refuses a stored entry whose header claims a smaller size than it holds', async () => {
		const entries = buildWorkbookWith({
			name: 'xl/media/x.bin',
			data: Buffer.alloc(5000, 1),
			store: true,
			declaredSize: 10
		});
		const result = await captureRefusal(writeZip('stored-lie.xlsx', entries));
		expect(result.code).toBe('unsafe-archive');
		expect(result.message).toMatch(
			/^stored-lie\.xlsx was refused as unsafe: the sizes recorded in the archive/
		);
	});

	it.each([
		['../evil.xml', 'the entry "../evil.xml" points outside the archive'],
		['xl/../../evil.xml', 'the entry "xl/../../evil.xml" points outside the archive'],
		['..\\evil.xml', 'the entry "..\\evil.xml" points outside the archive'],
		['/etc/evil.xml', 'the entry "/etc/evil.xml" has an absolute path'],
		['\\evil.xml', 'the entry "\\evil.xml" has an absolute path'],
		['C:/evil.xml', 'the entry "C:/evil.xml" has an absolute path']
	])('refuses the entry name %s', async (name, reason) => {
		const result = await captureRefusal(writeZip('paths.xlsx', buildWorkbookWith({ name, data: '<x/>' })));
		expect(result).toEqual({
			code: 'unsafe-archive',
			message: `paths.xlsx was refused as unsafe: ${reason}`
		});
	});

	it.each([
		['<!DOCTYPE', '<!DOCTYPE workbook [<!ENTITY lol "lol">]>'],
		['<!ENTITY', '<!ENTITY lol "lol">'],
		['<!DOCTYPE', '<!doctype workbook>']
	])('refuses %s in workbook.xml', async (markup, declaration) => {
		const entries = buildHandWorkbookEntries({ sheets: [{ name: 'Data', rows: '' }] }).map((entry) =>
			entry.name === 'xl/workbook.xml'
				? { ...entry, data: String(entry.data).replace('?>', `?>${declaration}`) }
				: entry
		);
		const result = await captureRefusal(writeZip('dtd.xlsx', entries));
		expect(result).toEqual({
			code: 'unsafe-archive',
			message: `dtd.xlsx was refused as unsafe: an XML part contains ${markup}, which spreadsheets never need`
		});
	});

	it('refuses a DOCTYPE cut in two by an inflate chunk boundary in a .rels part', async () => {
		const prefix = ' '.repeat(128 * 1024 - 4);
		const entries = buildWorkbookWith({
			name: 'xl/worksheets/_rels/sheet1.xml.rels',
			data: `${prefix}<!DOCTYPE x []><x/>`
		});
		const result = await captureRefusal(writeZip('dtd-split.xlsx', entries));
		expect(result.code).toBe('unsafe-archive');
		expect(result.message).toContain('<!DOCTYPE');
	});

	it('refuses more entries than allowed', async () => {
		const entries = buildHandWorkbookEntries({ sheets: [{ name: 'Data', rows: '' }] });
		const result = await captureRefusal(writeZip('entries.xlsx', entries), {
			...LIMITS,
			maxZipEntries: entries.length - 1
		});
		expect(result).toEqual({
			code: 'unsafe-archive',
			message: `entries.xlsx was refused as unsafe: it holds ${entries.length} files, more than the limit of ${entries.length - 1}`
		});
	});

	it('refuses an entry hidden from the directory, which a streaming unzipper would still read', async () => {
		const entries = buildHandWorkbookEntries({ sheets: [{ name: 'Data', rows: '' }] });
		const hidden = { name: 'xl/worksheets/sheet2.xml', data: '<worksheet/>' };
		const result = await captureRefusal(writeZip('hidden.xlsx', entries, [hidden]));
		expect(result).toEqual({
			code: 'unsafe-archive',
			message: 'hidden.xlsx was refused as unsafe: it contains data that is not listed in its directory'
		});
	});

	it('refuses an entry whose local header names a different file', async () => {
		const result = await captureRefusal(
			writeZip(
				'names.xlsx',
				buildWorkbookWith({ name: 'docProps/app.xml', localName: 'xl/worksheets/x.xml', data: '<a/>' })
			)
		);
		expect(result).toEqual({
			code: 'unsafe-archive',
			message:
				'names.xlsx was refused as unsafe: the entry "docProps/app.xml" has two different names inside the archive'
		});
	});
});

describe('inspectXlsxArchive refuses what is not a workbook', () => {
	it('refuses a zip without xl/workbook.xml', async () => {
		const result = await captureRefusal(
			writeZip('doc.xlsx', [{ name: 'word/document.xml', data: '<w:document/>' }])
		);
		expect(result).toEqual({
			code: 'unsupported-format',
			message: 'doc.xlsx is not an Excel workbook (it has no xl/workbook.xml)'
		});
	});

	it('refuses a file that is not a zip archive', async () => {
		const filePath = path.join(dir, 'notes.xlsx');
		fs.writeFileSync(filePath, 'date,amount\n2024-01-01,10\n');
		const result = await captureRefusal(filePath);
		expect(result.code).toBe('unsupported-format');
		expect(result.message).toMatch(/^notes\.xlsx is not an Excel workbook \(it is not a zip archive/);
	});

	it('explains a password-protected (OLE) file', async () => {
		const filePath = path.join(dir, 'locked.xlsx');
		fs.writeFileSync(filePath, Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(512)]));
		const result = await captureRefusal(filePath);
		expect(result).toEqual({
			code: 'unsupported-format',
			message:
				'locked.xlsx is a password-protected workbook or an old .xls file; save it as .xlsx without a password'
		});
	});
});
