import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildMultipartBody } from '$pipelines/cli/multipart-body.ts';
import { encodeGb18030 } from '$pipelines/demo/gb18030-encoder.ts';
import { webUploadLimits, type IngestLimits } from '$pipelines/load/limits.ts';
import { buildZip } from '$pipelines/readers/zip-fixtures.test-helper.ts';
import { receiveUpload, UploadRefusedError, type ReceivedUpload } from './receive-upload.ts';
import { MultipartScanner } from './multipart-scanner.ts';

let dir: string;
let tempDir: string;
beforeEach(() => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'receive-upload-test-'));
	tempDir = path.join(dir, 'uploads');
	fs.mkdirSync(tempDir);
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const smallLimits: IngestLimits = { ...webUploadLimits, maxFileBytes: 64 * 1024 };
const complaintsCsv = '投诉编号,投诉时间,片区\nC1,2026-01-02 10:00,锦绣江南\n';

/** A request whose body is handed out in small chunks, counting how often it is pulled. */
function createStreamedRequest(body: Uint8Array, headers: Record<string, string>, chunkSize = 7) {
	let offset = 0;
	const counter = { pulls: 0 };
	const stream = new ReadableStream<Uint8Array>(
		{
			pull(controller) {
				counter.pulls++;
				if (offset >= body.length) return controller.close();
				controller.enqueue(body.slice(offset, offset + chunkSize));
				offset += chunkSize;
			}
		},
		// No read-ahead: a pull happens only when the receiver reads.
		{ highWaterMark: 0 }
	);
	const request = new Request('http://localhost/api/imports', {
		method: 'POST',
		headers,
		body: stream,
		duplex: 'half'
	} as RequestInit);
	return { request, counter };
}

async function readStream(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) chunks.push(Buffer.from(chunk));
	return Buffer.concat(chunks);
}

async function buildBody(fields: Record<string, string | undefined>, fileName: string, content: Uint8Array) {
	const source = path.join(dir, 'source.bin');
	fs.writeFileSync(source, content);
	const body = buildMultipartBody(fields, { fieldName: 'file', fileName, filePath: source });
	return { ...body, bytes: await readStream(body.stream) };
}

async function expectRefusal(promise: Promise<ReceivedUpload>, status: number, message: RegExp) {
	const error = await promise.then(
		() => null,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(UploadRefusedError);
	expect((error as UploadRefusedError).status).toBe(status);
	expect((error as UploadRefusedError).message).toMatch(message);
}

describe('receiveUpload', () => {
	it('extracts the fields and a GB18030 file with a Chinese name byte for byte', async () => {
		const content = encodeGb18030(complaintsCsv);
		const body = await buildBody(
			{ kind: 'complaints', acceptPartial: 'true', wave: '2026', sheet: '投诉', mapping: '{"编号":"id"}' },
			'2026年投诉.csv',
			content
		);
		expect(body.contentLength).toBe(body.bytes.length);
		const { request } = createStreamedRequest(body.bytes, {
			'content-type': body.contentType,
			'content-length': String(body.bytes.length)
		});
		const upload = await receiveUpload(request, smallLimits, { tempDir });
		expect(upload.fileName).toBe('2026年投诉.csv');
		expect(upload.format).toBe('csv');
		expect(upload.fileBytes).toBe(content.length);
		expect(fs.readFileSync(upload.filePath).equals(Buffer.from(content))).toBe(true);
		expect(upload.fields).toEqual({
			kind: 'complaints',
			acceptPartial: true,
			wave: '2026',
			sheetName: '投诉',
			mapping: { 编号: 'id' }
		});
		expect(path.dirname(upload.filePath)).toBe(tempDir);
		upload.discard();
		expect(fs.readdirSync(tempDir)).toEqual([]);
	});

	it('reads a browser-style body: raw UTF-8 file name, a file ending in bytes that look like a boundary', async () => {
		const boundary = '----WebKitFormBoundaryAbC123';
		const content = Buffer.from(`a,b\r\n1,2\r\n\r\n--${boundary.slice(0, 10)}`);
		const bytes = Buffer.concat([
			Buffer.from(
				`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="投诉 \\"一\\".csv"\r\n` +
					'Content-Type: text/csv\r\n\r\n'
			),
			content,
			Buffer.from(`\r\n--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nrepairs\r\n`),
			Buffer.from(`--${boundary}--\r\n`)
		]);
		const { request } = createStreamedRequest(bytes, {
			'content-type': `multipart/form-data; boundary=${boundary}`
		});
		const upload = await receiveUpload(request, smallLimits, { tempDir });
		expect(upload.fileName).toBe('投诉 "一".csv');
		expect(fs.readFileSync(upload.filePath).equals(content)).toBe(true);
		expect(upload.fields.kind).toBe('repairs');
		expect(upload.fields.acceptPartial).toBe(false);
		upload.discard();
	});

	it('refuses a Content-Length over the limit without reading the body', async () => {
		const { request, counter } = createStreamedRequest(Buffer.from('x'.repeat(100)), {
			'content-type': 'multipart/form-data; boundary=abc',
			'content-length': String(smallLimits.maxFileBytes + 2 * 1024 * 1024)
		});
		await expectRefusal(receiveUpload(request, smallLimits, { tempDir }), 413, /over the 64 KB limit/);
		expect(counter.pulls).toBe(0);
		expect(fs.readdirSync(tempDir)).toEqual([]);
	});

	it('stops reading a body without Content-Length once it passes the limit and leaves no temp file', async () => {
		const limits = { ...smallLimits, maxFileBytes: 8 * 1024 };
		const body = await buildBody({}, 'big.csv', Buffer.from('a,b\n'.repeat(4 * 1024 * 1024)));
		const { request, counter } = createStreamedRequest(
			body.bytes,
			{ 'content-type': body.contentType },
			64 * 1024
		);
		await expectRefusal(receiveUpload(request, limits, { tempDir }), 413, /larger than the 8 KB limit/);
		// The file part passes its limit inside the first chunk; the remaining 16 MB are never pulled.
		expect(counter.pulls).toBeLessThan(3);
		expect(fs.readdirSync(tempDir)).toEqual([]);
	});

	it('refuses a PNG, a PDF and a zip that is not a workbook by their content (415)', async () => {
		const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
		const pdf = Buffer.from('%PDF-1.7\n');
		const zip = buildZip([{ name: 'notes.txt', data: 'hello' }]);
		const cases: [string, Buffer, RegExp][] = [
			['photo.csv', png, /^photo\.csv looks like a PNG image, not a spreadsheet/],
			['report.xlsx', pdf, /^report\.xlsx looks like a PDF document/],
			['archive.xlsx', zip, /^archive\.xlsx looks like a zip archive that is not an Excel workbook/]
		];
		for (const [name, content, message] of cases) {
			const body = await buildBody({}, name, content);
			const { request } = createStreamedRequest(body.bytes, { 'content-type': body.contentType });
			await expectRefusal(receiveUpload(request, smallLimits, { tempDir }), 415, message);
		}
		expect(fs.readdirSync(tempDir)).toEqual([]);
	});

	it('keeps a file name with ../ as a label only; the temp file stays in its directory', async () => {
		const body = await buildBody({}, '../../etc/passwd', Buffer.from(complaintsCsv));
		const { request } = createStreamedRequest(body.bytes, { 'content-type': body.contentType });
		const upload = await receiveUpload(request, smallLimits, { tempDir });
		expect(upload.fileName).toBe('passwd');
		expect(path.dirname(upload.filePath)).toBe(tempDir);
		expect(path.basename(upload.filePath)).toMatch(/^courtyard-upload-[0-9a-f-]{36}$/);
		expect(fs.readdirSync(dir).sort()).toEqual(['source.bin', 'uploads']);
		upload.discard();
	});

	it('answers 400 for a form that is not multipart, has no file, an unknown kind or a cut-off body', async () => {
		const notForm = new Request('http://localhost/', {
			method: 'POST',
			body: 'x',
			headers: { 'content-type': 'text/csv' }
		});
		await expectRefusal(receiveUpload(notForm, smallLimits, { tempDir }), 400, /multipart\/form-data/);
		const badKind = await buildBody({ kind: 'elevators' }, 'a.csv', Buffer.from(complaintsCsv));
		const { request } = createStreamedRequest(badKind.bytes, { 'content-type': badKind.contentType });
		await expectRefusal(receiveUpload(request, smallLimits, { tempDir }), 400, /Unknown kind "elevators"/);
		const cut = await buildBody({}, 'a.csv', Buffer.from(complaintsCsv));
		const cutRequest = createStreamedRequest(cut.bytes.subarray(0, cut.bytes.length - 10), {
			'content-type': cut.contentType
		}).request;
		await expectRefusal(
			receiveUpload(cutRequest, smallLimits, { tempDir }),
			400,
			/ended before its closing boundary/
		);
		const fieldsOnly = new Request('http://localhost/', {
			method: 'POST',
			headers: { 'content-type': 'multipart/form-data; boundary=b' },
			body: '--b\r\nContent-Disposition: form-data; name="kind"\r\n\r\nunits\r\n--b--\r\n'
		});
		await expectRefusal(receiveUpload(fieldsOnly, smallLimits, { tempDir }), 400, /has no file/);
		expect(fs.readdirSync(tempDir)).toEqual([]);
	});
});

describe('MultipartScanner', () => {
	it('gives the same parts whatever the chunk boundaries', async () => {
		const body = await buildBody({ kind: 'units' }, 'u.csv', Buffer.from('x\r\n--y\r\n'.repeat(50)));
		const boundary = body.contentType.split('boundary=')[1];
		const collect = (chunkSize: number) => {
			const scanner = new MultipartScanner(boundary);
			const data: Buffer[] = [];
			let parts = 0;
			for (let i = 0; i < body.bytes.length; i += chunkSize)
				for (const event of scanner.push(body.bytes.subarray(i, i + chunkSize))) {
					if (event.type === 'part') parts++;
					if (event.type === 'data') data.push(Buffer.from(event.bytes));
				}
			scanner.finish();
			return { parts, data: Buffer.concat(data).toString() };
		};
		const whole = collect(body.bytes.length);
		expect(whole.parts).toBe(2);
		expect(whole.data).toBe('units' + 'x\r\n--y\r\n'.repeat(50));
		for (const size of [1, 2, 3, 5, 17, 64]) expect(collect(size)).toEqual(whole);
	});
});
