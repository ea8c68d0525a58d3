import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type APIRequestContext } from '@playwright/test';
import {
	buildHandWorkbookEntries,
	buildZip,
	deflateZeros
} from '../../pipelines/readers/zip-fixtures.test-helper.ts';

// The e2e server runs with COURTYARD_WEB_MAX_FILE_MB=2 (scripts/start-e2e-server.mjs).
const webLimitBytes = 2 * 1024 * 1024;
const port = Number(process.env.E2E_PORT ?? 4173);
const origin = `http://127.0.0.1:${port}`;

function postFile(
	request: APIRequestContext,
	name: string,
	buffer: Buffer,
	fields: Record<string, string> = {},
	headers: Record<string, string> = { origin }
) {
	return request.post('/api/imports', {
		headers,
		multipart: { ...fields, file: { name, mimeType: 'application/octet-stream', buffer } }
	});
}

/**
 * Sends a multipart body by hand: `declaredLength` in the header (or chunked without it), then up to
 * `sendBytes` of file bytes, stopping as soon as the server answers.
 */
function sendOversizedBody(options: { declaredLength?: number; sendBytes: number }) {
	const boundary = 'e2e-boundary';
	return new Promise<{ status: number; body: string; sent: number }>((resolve, reject) => {
		const headers: Record<string, string | number> = {
			origin,
			'content-type': `multipart/form-data; boundary=${boundary}`
		};
		if (options.declaredLength !== undefined) headers['content-length'] = options.declaredLength;
		const req = http.request({ host: '127.0.0.1', port, path: '/api/imports', method: 'POST', headers });
		let sent = 0;
		let answered = false;
		req.on('response', (res) => {
			answered = true;
			let body = '';
			res.setEncoding('utf8');
			res.on('data', (chunk: string) => (body += chunk));
			res.on('end', () => {
				req.destroy();
				resolve({ status: res.statusCode ?? 0, body, sent });
			});
		});
		req.on('error', (error) => {
			if (!answered) reject(error);
		});
		const chunk = Buffer.alloc(64 * 1024, 'a,b\n');
		const writeMore = () => {
			if (answered) return;
			if (sent === 0) {
				req.write(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\n\r\n`);
			}
			while (!answered && sent < options.sendBytes) {
				sent += chunk.length;
				if (!req.write(chunk)) return req.once('drain', writeMore);
			}
			// Everything meant to go has gone: keep the request open and wait for the answer.
		};
		writeMore();
	});
}

async function expectHealthy(request: APIRequestContext) {
	const health = await request.get('/health');
	expect(health.status()).toBe(200);
}

test('a declared Content-Length over the limit is refused at once with 413', async ({ request }) => {
	const answer = await sendOversizedBody({ declaredLength: 50 * 1024 * 1024, sendBytes: 64 * 1024 });
	expect(answer.status).toBe(413);
	expect(JSON.parse(answer.body).message).toMatch(/over the 2 MB limit for a file sent through the web/);
	await expectHealthy(request);
});

test('a streamed body passing the limit is cut off with 413', async ({ request }) => {
	const answer = await sendOversizedBody({ sendBytes: 64 * 1024 * 1024 });
	expect(answer.status).toBe(413);
	expect(JSON.parse(answer.body).message).toMatch(/larger than the 2 MB limit/);
	// The server stopped reading well before the 64 MB the client was ready to send.
	expect(answer.sent).toBeLessThan(32 * 1024 * 1024);
	await expectHealthy(request);
});

test('a PNG or a PDF is refused by content with 415, whatever its name', async ({ request }) => {
	const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48]);
	const pngAnswer = await postFile(request, '投诉.csv', png);
	expect(pngAnswer.status()).toBe(415);
	expect((await pngAnswer.json()).message).toMatch(/^投诉\.csv looks like a PNG image, not a spreadsheet/);
	const pdfAnswer = await postFile(request, 'report.xlsx', Buffer.from('%PDF-1.7\n%âãÏÓ\n'));
	expect(pdfAnswer.status()).toBe(415);
	expect((await pdfAnswer.json()).message).toMatch(/^report\.xlsx looks like a PDF document/);
});

test('a zip bomb workbook is refused as unsafe and the server keeps answering', async ({ request }) => {
	const bomb = buildZip([
		...buildHandWorkbookEntries({ sheets: [{ name: 'Sheet1', rows: '' }] }),
		{ name: 'xl/media/zeros.bin', data: '', deflated: deflateZeros(1100) }
	]);
	expect(bomb.length).toBeLessThan(webLimitBytes);
	const answer = await postFile(request, 'bomb.xlsx', bomb);
	expect(answer.status()).toBe(200);
	const result = await answer.json();
	expect(result.status).toBe('failed');
	expect(result.message).toMatch(/^bomb\.xlsx was refused as unsafe: it unpacks to more than/);
	await expectHealthy(request);
});

test('a small complaints CSV loads, and the same file again is a duplicate that says when', async ({
	request
}) => {
	const csv =
		'投诉编号,投诉时间,片区,楼栋,房号,投诉类别,投诉内容,渠道,责任部门,办结时间\n' +
		'E2E-IMPORT-1,2026-10-30 09:15,锦绣江南,1栋,101,电梯,电梯异响,电话,工程部,2026-10-30 10:15\n';
	const first = await postFile(request, 'e2e 投诉.csv', Buffer.from(csv), { kind: 'complaints' });
	const loaded = await first.json();
	expect(first.status(), JSON.stringify(loaded)).toBe(200);
	expect(loaded).toMatchObject({ file: 'e2e 投诉.csv', kind: 'complaints', status: 'loaded', rowsLoaded: 1 });
	const again = await postFile(request, 'again.csv', Buffer.from(csv), { kind: 'complaints' });
	expect(again.status()).toBe(200);
	const duplicate = await again.json();
	expect(duplicate.status).toBe('duplicate');
	expect(duplicate.batchId).toBe(loaded.batchId);
	expect(duplicate.message).toMatch(/^again\.csv was already loaded on \d{4}-\d{2}-\d{2} \d{2}:\d{2} by web/);
});

test('a request without a matching Origin is refused with 403 (SvelteKit CSRF check)', async ({
	request
}) => {
	const answer = await postFile(request, 'a.csv', Buffer.from('a,b\n1,2\n'), {}, {});
	expect(answer.status()).toBe(403);
	const foreign = await postFile(
		request,
		'a.csv',
		Buffer.from('a,b\n1,2\n'),
		{},
		{ origin: 'http://evil.example' }
	);
	expect(foreign.status()).toBe(403);
});

test('the CLI sends its file to the server when the server holds the database', async ({ request }) => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-via-server-'));
	const file = path.join(dir, '报修 CLI.csv');
	fs.writeFileSync(
		file,
		'投诉编号,投诉时间,片区,楼栋,房号,投诉类别,投诉内容,渠道,责任部门,办结时间\n' +
			'E2E-CLI-1,2026-10-29 14:00,锦绣江南,2栋,202,电梯,电梯停运,电话,工程部,2026-10-29 15:00\n'
	);
	const run = spawnSync(
		process.execPath,
		['--import', 'tsx', 'pipelines/cli/ingest.ts', '--kind', 'complaints', '--user', 'operator', file],
		{
			encoding: 'utf8',
			env: {
				...process.env,
				// The database the e2e server holds (scripts/start-e2e-server.mjs).
				COURTYARD_DB: path.resolve('test-results', 'e2e-db', 'courtyard.duckdb'),
				COURTYARD_SERVER_URL: origin
			}
		}
	);
	fs.rmSync(dir, { recursive: true, force: true });
	expect(run.status, run.stderr).toBe(0);
	expect(run.stdout).toMatch(/^报修 CLI\.csv: loaded \(complaints\), batch \d+\n {2}rows read 1 · loaded 1/);
	await expectHealthy(request);
});
