import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { detectFileFormat, readFileHead } from './file-format.ts';

const bytes = (...values: number[]) => Uint8Array.from(values);
const ascii = (text: string) => new TextEncoder().encode(text);

describe('detectFileFormat', () => {
	it('takes a zip (local file header) as xlsx', () => {
		expect(detectFileFormat(bytes(0x50, 0x4b, 0x03, 0x04, 0x14, 0x00))).toEqual({ format: 'xlsx' });
	});

	it('rejects an old OLE2 .xls workbook with advice', () => {
		expect(detectFileFormat(bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0))).toEqual({
			format: 'unsupported',
			reason: 'an old .xls (Excel 97-2003) workbook; save it as .xlsx or CSV'
		});
	});

	it.each([
		['PDF', ascii('%PDF-1.7\n%âãÏÓ'), 'a PDF document, not a spreadsheet'],
		['PNG', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a), 'a PNG image, not a spreadsheet'],
		['JPEG', bytes(0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10), 'a JPEG image, not a spreadsheet'],
		['GIF', ascii('GIF89a'), 'a GIF image, not a spreadsheet'],
		['gzip', bytes(0x1f, 0x8b, 0x08, 0x00), 'a gzip-compressed file; decompress it first'],
		[
			'7z',
			bytes(0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0x00, 0x04),
			'a 7z archive; extract the spreadsheet first'
		],
		[
			'RAR',
			bytes(0x52, 0x61, 0x72, 0x21, 0x1a, 0x07, 0x01, 0x00),
			'a RAR archive; extract the spreadsheet first'
		],
		['empty zip', bytes(0x50, 0x4b, 0x05, 0x06, 0, 0, 0, 0), 'an empty zip archive, not a workbook']
	])('names a %s file', (_kind, head, reason) => {
		expect(detectFileFormat(head)).toEqual({ format: 'unsupported', reason });
	});

	it('rejects bytes with NUL as binary', () => {
		expect(detectFileFormat(bytes(0x41, 0x42, 0x00, 0x43, 0x0a))).toEqual({
			format: 'unsupported',
			reason: 'binary file, not a spreadsheet'
		});
	});

	it('ignores a NUL beyond the first 8 KB', () => {
		const head = new Uint8Array(9000).fill(0x61);
		head[8500] = 0;
		expect(detectFileFormat(head)).toEqual({ format: 'csv' });
	});

	it('accepts UTF-16 text with a BOM even though it contains NUL bytes', () => {
		const le = Buffer.concat([bytes(0xff, 0xfe), Buffer.from('a,b\r\n', 'utf16le')]);
		const be = Buffer.from(le).swap16();
		expect(detectFileFormat(le)).toEqual({ format: 'csv' });
		expect(detectFileFormat(be)).toEqual({ format: 'csv' });
	});

	it('takes plain, BOM-prefixed, Chinese and empty text as CSV', () => {
		expect(detectFileFormat(ascii('a,b\n1,2\n'))).toEqual({ format: 'csv' });
		expect(detectFileFormat(bytes(0xef, 0xbb, 0xbf, 0x61))).toEqual({ format: 'csv' });
		expect(detectFileFormat(ascii('投诉时间,片区'))).toEqual({ format: 'csv' });
		expect(detectFileFormat(bytes(0xcd, 0xb6, 0xcb, 0xdf))).toEqual({ format: 'csv' });
		expect(detectFileFormat(new Uint8Array(0))).toEqual({ format: 'csv' });
	});

	it('judges by content, so a CSV starting with "PK" text is still CSV', () => {
		expect(detectFileFormat(ascii('PK,name\n1,a\n'))).toEqual({ format: 'csv' });
	});

	it('rejects HTML and XML exports disguised as spreadsheets', () => {
		const advice = 'open it in Excel and save it as .xlsx or CSV';
		expect(detectFileFormat(ascii('\r\n  <!DOCTYPE html><html>'))).toEqual({
			format: 'unsupported',
			reason: `an HTML page, not a spreadsheet; ${advice}`
		});
		expect(detectFileFormat(ascii('\ufeff<HTML><table>'))).toEqual({
			format: 'unsupported',
			reason: `an HTML page, not a spreadsheet; ${advice}`
		});
		expect(detectFileFormat(ascii('<?xml version="1.0"?><Workbook>'))).toEqual({
			format: 'unsupported',
			reason: `an XML file, not a spreadsheet; ${advice}`
		});
		expect(detectFileFormat(ascii('<b>,c\n'))).toEqual({ format: 'csv' });
	});
});

describe('readFileHead', () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'courtyard-'));
	afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

	it('reads the first bytes of a file, or all of a shorter one', async () => {
		const filePath = path.join(dir, 'head.bin');
		const content = Uint8Array.from({ length: 20_000 }, (_, index) => index % 251);
		fs.writeFileSync(filePath, content);
		expect(Array.from(await readFileHead(filePath, 5))).toEqual([0, 1, 2, 3, 4]);
		const head = await readFileHead(filePath);
		expect(head.length).toBe(8192);
		expect(head[8191]).toBe(8191 % 251);
		expect((await readFileHead(filePath, 50_000)).length).toBe(20_000);
	});

	it('returns no bytes for an empty file', async () => {
		const filePath = path.join(dir, 'empty.bin');
		fs.writeFileSync(filePath, '');
		expect((await readFileHead(filePath)).length).toBe(0);
	});
});
