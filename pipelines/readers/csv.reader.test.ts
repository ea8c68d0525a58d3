import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCsvRows, type CsvReadOptions } from './csv.reader.ts';
import { InputError, type CellValue, type ReaderInfo, type ReadLimits } from './sheet-row.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'courtyard-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const LIMITS: ReadLimits = { maxRows: 10_000, maxColumns: 50, maxZipEntries: 10, maxUncompressedBytes: 1e6 };
const UTF8_BOM = Uint8Array.from([0xef, 0xbb, 0xbf]);
const HEADER = '投诉时间,片区,楼栋,房号';

type ExtraOptions = Partial<Omit<CsvReadOptions, 'info'>>;

function writeFixture(name: string, content: string | Uint8Array): string {
	const filePath = path.join(dir, name);
	fs.writeFileSync(filePath, content);
	return filePath;
}

async function readAll(filePath: string, extra: ExtraOptions = {}) {
	const info: ReaderInfo = { format: 'xlsx' };
	const rows: [number, CellValue[]][] = [];
	const batchSizes: number[] = [];
	for await (const batch of readCsvRows(filePath, { limits: LIMITS, ...extra, info })) {
		batchSizes.push(batch.length);
		for (const row of batch) rows.push([row.rowNumber, row.cells]);
	}
	return { rows, info, batchSizes };
}

async function readCells(filePath: string, extra: ExtraOptions = {}): Promise<CellValue[][]> {
	return (await readAll(filePath, extra)).rows.map(([, cells]) => cells);
}

async function readError(filePath: string, extra: ExtraOptions = {}): Promise<InputError> {
	try {
		await readAll(filePath, extra);
	} catch (error) {
		expect(error).toBeInstanceOf(InputError);
		return error as InputError;
	}
	throw new Error('expected an InputError');
}

/** Node has no GB18030 encoder; invert the decoder over all two-byte sequences (enough for Chinese). */
function createGb18030Encoder(): (text: string) => Uint8Array {
	const decoder = new TextDecoder('gb18030');
	const table = new Map<string, number[]>();
	for (let lead = 0x81; lead <= 0xfe; lead++) {
		for (let trail = 0x40; trail <= 0xfe; trail++) {
			const char = trail === 0x7f ? '' : decoder.decode(Uint8Array.of(lead, trail));
			if (char.length === 1 && char !== '\ufffd' && !table.has(char)) table.set(char, [lead, trail]);
		}
	}
	return (text) =>
		Uint8Array.from(
			[...text].flatMap((char) => (char.charCodeAt(0) < 0x80 ? [char.charCodeAt(0)] : table.get(char)!))
		);
}

const encodeGb18030 = createGb18030Encoder();

describe('readCsvRows: encodings', () => {
	const lines = [HEADER, '2024-01-05 10:00,华东一区,3号楼,1203', '2024-01-06 11:30,西北片区,12栋,0801'];
	const expected = lines.map((line) => line.split(','));

	it('reads UTF-8 without a BOM and reports what it found', async () => {
		const filePath = writeFixture('plain.csv', lines.join('\n') + '\n');
		const { rows, info } = await readAll(filePath);
		expect(rows).toEqual(expected.map((cells, index) => [index + 1, cells]));
		const bytesRead = fs.statSync(filePath).size;
		expect(info).toEqual({ format: 'csv', encoding: 'utf-8', delimiter: ',', newline: '\n', bytesRead });
	});

	it('strips a UTF-8 BOM from the first header', async () => {
		const content = Buffer.concat([UTF8_BOM, Buffer.from(lines.join('\r\n'))]);
		const { rows, info } = await readAll(writeFixture('bom.csv', content));
		expect(rows[0]).toEqual([1, ['投诉时间', '片区', '楼栋', '房号']]);
		expect(rows.map(([, cells]) => cells)).toEqual(expected);
		expect(info.encoding).toBe('utf-8-bom');
	});

	it('reads UTF-16 LE and BE with a BOM', async () => {
		const le = Buffer.concat([
			Buffer.from([0xff, 0xfe]),
			Buffer.from(lines.join('\r\n') + '\r\n', 'utf16le')
		]);
		const be = Buffer.from(le).swap16();
		const little = await readAll(writeFixture('le.csv', le));
		const big = await readAll(writeFixture('be.csv', be));
		expect(little.rows.map(([, cells]) => cells)).toEqual(expected);
		expect(big.rows.map(([, cells]) => cells)).toEqual(expected);
		expect([little.info.encoding, big.info.encoding]).toEqual(['utf-16le', 'utf-16be']);
		// Odd-sized reads split the two-byte code units themselves.
		expect(await readCells(writeFixture('le-3.csv', le), { readBytes: 3 })).toEqual(expected);
		expect(await readCells(writeFixture('be-5.csv', be), { readBytes: 5 })).toEqual(expected);
	});

	it('decodes GB18030 (GBK) Chinese headers and values', async () => {
		const filePath = writeFixture('gbk.csv', encodeGb18030(lines.join('\r\n') + '\r\n'));
		const { rows, info } = await readAll(filePath);
		expect(rows[0]).toEqual([1, ['投诉时间', '片区', '楼栋', '房号']]);
		expect(rows.map(([, cells]) => cells)).toEqual(expected);
		const bytesRead = fs.statSync(filePath).size;
		expect(info).toEqual({ format: 'csv', encoding: 'gb18030', delimiter: ',', newline: '\n', bytesRead });
	});

	it.each([1, 2, 3, 5, 7, 64])('handles characters split across reads of %i bytes', async (readBytes) => {
		const text = [HEADER, '"华东,一区",3号楼', '"多行\r\n内容 ""引号""",x', '😀楼,栋'].join('\r\n');
		const want = [
			['投诉时间', '片区', '楼栋', '房号'],
			['华东,一区', '3号楼'],
			['多行\r\n内容 "引号"', 'x'],
			['😀楼', '栋']
		];
		const utf8 = writeFixture(`split-${readBytes}.csv`, Buffer.concat([UTF8_BOM, Buffer.from(text)]));
		const gbk = writeFixture(`split-gbk-${readBytes}.csv`, encodeGb18030(text.replace('😀', '')));
		expect(await readCells(utf8, { readBytes })).toEqual(want);
		want[3][0] = '楼';
		expect(await readCells(gbk, { readBytes })).toEqual(want);
	});

	it('reads a multi-megabyte file the same in one pass as line by line', async () => {
		const want: string[][] = [['工单', '片区', '内容', '序号']];
		for (let index = 1; index < 12_000; index++) {
			const note = index % 7 === 0 ? `第${index}条\n"备注", 含逗号` : `内容${'文字'.repeat(index % 50)}`;
			want.push([`WO${index}`, '华东一区', note, String(index)]);
		}
		const quote = (cell: string) => (/[",\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);
		const text = want.map((cells) => cells.map(quote).join(',')).join('\r\n') + '\r\n';
		const filePath = writeFixture('large.csv', text);
		expect(fs.statSync(filePath).size).toBeGreaterThan(1.5 * 1024 * 1024);
		const limits = { ...LIMITS, maxRows: 20_000 };
		const { rows, batchSizes } = await readAll(filePath, { limits });
		expect(rows.length).toBe(12_000);
		expect(rows.map(([, cells]) => cells)).toEqual(want);
		expect(rows[11_999][0]).toBe(12_000);
		expect(batchSizes).toEqual([2000, 2000, 2000, 2000, 2000, 2000]);
		const gbk = await readAll(writeFixture('large-gbk.csv', encodeGb18030(text)), {
			limits,
			readBytes: 4093
		});
		expect(gbk.info.encoding).toBe('gb18030');
		expect(gbk.rows.map(([, cells]) => cells)).toEqual(want);
	});
});

describe('readCsvRows: layout', () => {
	it.each([
		[';', 'semicolon'],
		['\t', 'tab'],
		['|', 'pipe']
	])('detects %j as the delimiter', async (delimiter, name) => {
		const text = [['片区', '金额', '备注'].join(delimiter), ['华东', '1,5', 'a, b'].join(delimiter)].join(
			'\n'
		);
		const { rows, info } = await readAll(writeFixture(`${name}.csv`, text));
		expect(info.delimiter).toBe(delimiter);
		expect(rows).toEqual([
			[1, ['片区', '金额', '备注']],
			[2, ['华东', '1,5', 'a, b']]
		]);
	});

	it('ignores delimiters inside quotes when detecting', async () => {
		const text = 'a,b,c\n"x;y;z;w","1;2",3\n"p;q;r;s",t,u\n';
		const { rows, info } = await readAll(writeFixture('quoted-semicolons.csv', text));
		expect(info.delimiter).toBe(',');
		expect(rows[1]).toEqual([2, ['x;y;z;w', '1;2', '3']]);
	});

	it('keeps a quoted newline in one row and numbers later rows as Excel does', async () => {
		const text = 'id,note\r\n1,"line one\r\nline two\nline three"\r\n2,after\r\n';
		expect((await readAll(writeFixture('quoted-newline.csv', text))).rows).toEqual([
			[1, ['id', 'note']],
			[2, ['1', 'line one\r\nline two\nline three']],
			[3, ['2', 'after']]
		]);
	});

	it('unescapes doubled quotes', async () => {
		const text = 'a,b\n"He said ""hi""","x""y"\n"""",""\n';
		expect(await readCells(writeFixture('doubled.csv', text))).toEqual([
			['a', 'b'],
			['He said "hi"', 'x"y'],
			['"', '']
		]);
	});

	it('keeps blank lines as rows so numbering stays right', async () => {
		const text = 'a,b\n\n1,2\r\n\r\n  \n3,4\n';
		expect((await readAll(writeFixture('blank.csv', text))).rows).toEqual([
			[1, ['a', 'b']],
			[2, ['']],
			[3, ['1', '2']],
			[4, ['']],
			[5, ['  ']],
			[6, ['3', '4']]
		]);
	});

	it('reads CRLF, LF, mixed and CR-only line ends alike', async () => {
		const want = [
			['a', 'b'],
			['1', '"x"'],
			['3', '4']
		];
		const body = ['a,b', '1,"""x"""', '3,4'];
		expect(await readCells(writeFixture('crlf.csv', body.join('\r\n') + '\r\n'))).toEqual(want);
		expect(await readCells(writeFixture('lf.csv', body.join('\n') + '\n'))).toEqual(want);
		expect(await readCells(writeFixture('mixed.csv', 'a,b\r\n1,"""x"""\n3,4\r\n'))).toEqual(want);
		expect(await readCells(writeFixture('cr.csv', body.join('\r') + '\r'))).toEqual(want);
		expect(await readCells(writeFixture('no-final-newline.csv', body.join('\r\n')))).toEqual(want);
		expect(await readCells(writeFixture('final-cr.csv', 'a,b\n1,"""x"""\n3,"4"\r'))).toEqual(want);
	});

	it('keeps cells exactly as written: formulas, padding, leading zeros', async () => {
		const text = 'a,b,c,d,e\n=1+1, padded ,0012,"=SUM(A1:A2)",+86 138\n';
		expect((await readCells(writeFixture('literal.csv', text)))[1]).toEqual([
			'=1+1',
			' padded ',
			'0012',
			'=SUM(A1:A2)',
			'+86 138'
		]);
	});

	it('yields batches of chunkRows rows, with info filled in before the first', async () => {
		const filePath = writeFixture('batches.csv', 'h\n1\n2\n3\n4');
		const info: ReaderInfo = { format: 'xlsx' };
		const seen: (string | undefined)[] = [];
		const sizes: number[] = [];
		for await (const batch of readCsvRows(filePath, { limits: LIMITS, info, chunkRows: 2 })) {
			seen.push(`${info.format} ${info.encoding} ${info.delimiter}`);
			sizes.push(batch.length);
		}
		expect(sizes).toEqual([2, 2, 1]);
		expect(seen[0]).toBe('csv utf-8 ,');
	});

	it('reports the bytes read so far for progress', async () => {
		const filePath = writeFixture('progress.csv', 'h\n' + 'abcdefghi\n'.repeat(100));
		const info: ReaderInfo = { format: 'csv' };
		const progress: number[] = [];
		const options = { limits: LIMITS, info, chunkRows: 10, readBytes: 100 };
		for await (const batch of readCsvRows(filePath, options)) progress.push(batch.length, info.bytesRead!);
		// Batch n ends at row 10n (the header is row 1), which needs bytes up to 2 + 10 * (10n - 1).
		expect(progress.slice(0, 6)).toEqual([10, 100, 10, 200, 10, 300]);
		expect(progress.at(-1)).toBe(1002);
	});
});

describe('readCsvRows: errors', () => {
	it.each([
		['a 0-byte file', 'empty.csv', new Uint8Array(0)],
		['only a BOM', 'bom-only.csv', UTF8_BOM],
		['only blank lines', 'blank-only.csv', '\r\n\r\n  \n\t\n'],
		// More rows than the limit, and more than the encoding sample.
		['over a megabyte of blank lines', 'many-blank.csv', '\r\n'.repeat(600_000)]
	])('rejects %s as empty', async (_what, name, content) => {
		const error = await readError(writeFixture(name, content));
		expect(error.code).toBe('empty-file');
		expect(error.message).toBe(`${name} is empty`);
	});

	it('yields nothing before content, so blank lines alone end as an empty file', async () => {
		// Larger than the encoding sample, so the file is judged while streaming.
		const filePath = writeFixture('blank-batches.csv', '\n'.repeat(1_100_000));
		const yielded: number[] = [];
		const reading = async () => {
			const options = { limits: LIMITS, info: { format: 'csv' as const }, chunkRows: 2 };
			for await (const batch of readCsvRows(filePath, options)) yielded.push(batch.length);
		};
		await expect(reading()).rejects.toThrow('blank-batches.csv is empty');
		expect(yielded).toEqual([]);
		const late = await readAll(writeFixture('late-content.csv', '\n'.repeat(5) + 'a,b\n'), { chunkRows: 2 });
		expect(late.batchSizes).toEqual([2, 2, 2]);
		expect(late.rows.at(-1)).toEqual([6, ['a', 'b']]);
	});

	it('stops at the row limit', async () => {
		const filePath = writeFixture('rows.csv', 'h\n1\n2\n3\n4\n5\n');
		const limits = { ...LIMITS, maxRows: 3 };
		expect((await readAll(writeFixture('rows-ok.csv', 'h\n1\n2\n'), { limits })).rows.length).toBe(3);
		const error = await readError(filePath, { limits });
		expect(error.code).toBe('too-many-rows');
		expect(error.message).toBe('rows.csv has more than 3 rows; the limit is 3');
		// Reading on would have hit the unclosed quote at the end and failed differently.
		const longer = writeFixture('rows-long.csv', 'h\n' + '1\n'.repeat(10_000) + '"never closed\n');
		const stopped = await readError(longer, { limits, readBytes: 64 });
		expect(stopped.message).toBe('rows-long.csv has more than 3 rows; the limit is 3');
	});

	it('stops at the column limit, not counting empty trailing cells', async () => {
		const limits = { ...LIMITS, maxColumns: 3 };
		const padded = await readCells(writeFixture('padded.csv', 'a,b,c,,,\n1,2,,,,\n,,,,,\n'), { limits });
		expect(padded).toEqual([['a', 'b', 'c'], ['1', '2'], ['']]);
		const error = await readError(writeFixture('wide.csv', 'a,b,c\n1,2,3,4,,\n'), { limits });
		expect(error.code).toBe('too-many-columns');
		expect(error.message).toBe('wide.csv: row 2 has 4 columns; the limit is 3');
	});

	it.each([1, 4, 1 << 20])(
		'names the row of a quote that is never closed (reads of %i bytes)',
		async (readBytes) => {
			const filePath = writeFixture(`cut-${readBytes}.csv`, 'a,b\n1,"ok\nfine"\n3,"never closed\n4,5\n6,7');
			const error = await readError(filePath, { readBytes });
			expect(error.code).toBe('unreadable');
			expect(error.message).toBe(
				`cut-${readBytes}.csv: the quoted field that starts on row 3 is never closed; ` +
					'the file may be cut off or have a stray " character'
			);
			expect(error.message).not.toContain(dir);
		}
	);

	it('gives up on a record longer than maxRecordChars instead of buffering the whole file', async () => {
		const rest = '\n1,2'.repeat(5000);
		const quoted = writeFixture('runaway.csv', `a,b\n1,"open${rest}\n`);
		const error = await readError(quoted, { readBytes: 256, maxRecordChars: 4096 });
		expect(error.code).toBe('unreadable');
		expect(error.message).toBe(
			'runaway.csv: the quoted field that starts on row 2 is not closed within 4,096 characters; ' +
				'the file may have a stray " character'
		);
		const longLine = writeFixture('long-line.csv', `a,b\n${'x'.repeat(10_000)}\n`);
		const lineError = await readError(longLine, { readBytes: 256, maxRecordChars: 4096 });
		expect(lineError.message).toBe(
			'long-line.csv: row 2 is longer than 4,096 characters; this does not look like a CSV file'
		);
	});

	it('accepts a long quoted field below the record limit', async () => {
		const note = 'x'.repeat(30_000) + '\n' + 'y'.repeat(30_000);
		const cells = await readCells(writeFixture('long-field.csv', `a,b\n1,"${note}"\n2,z\n`), {
			readBytes: 100
		});
		expect(cells).toEqual([
			['a', 'b'],
			['1', note],
			['2', 'z']
		]);
	});
});
