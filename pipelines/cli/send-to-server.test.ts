import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveServerUrl, sendFileToServer, ServerUnreachableError } from './send-to-server.ts';

let dir: string;
let server: http.Server | null = null;
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'send-to-server-'))));
afterEach(async () => {
	fs.rmSync(dir, { recursive: true, force: true });
	if (server) await new Promise((resolve) => server!.close(resolve));
	server = null;
});

const command = {
	action: 'ingest' as const,
	files: [],
	kind: 'complaints' as const,
	acceptPartial: true,
	json: false,
	user: 'operator'
};

/** A stand-in for the import API that records what it was sent and answers with `status` and `answer`. */
async function startServer(status: number, answer: object) {
	const seen: { headers: http.IncomingHttpHeaders; body: Buffer }[] = [];
	server = http.createServer(async (req, res) => {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		seen.push({ headers: req.headers, body: Buffer.concat(chunks) });
		res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
	});
	await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
	return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

describe('sendFileToServer', () => {
	it('streams the file with its fields, Origin, user and exact Content-Length', async () => {
		const file = path.join(dir, '投诉 十月.csv');
		fs.writeFileSync(file, 'a,b\n1,2\n');
		const { url, seen } = await startServer(200, { file: '投诉 十月.csv', status: 'loaded', rowsLoaded: 1 });
		const result = await sendFileToServer(url, file, command);
		expect(result).toMatchObject({ status: 'loaded', rowsLoaded: 1 });
		const [{ headers, body }] = seen;
		expect(headers.origin).toBe(url);
		expect(headers['x-courtyard-user']).toBe('operator');
		expect(Number(headers['content-length'])).toBe(body.length);
		const text = body.toString('utf8');
		expect(text).toContain('name="kind"\r\n\r\ncomplaints\r\n');
		expect(text).toContain('name="acceptPartial"\r\n\r\ntrue\r\n');
		expect(text).toContain(`filename*=UTF-8''${encodeURIComponent('投诉 十月.csv')}`);
		expect(text).toContain('\r\n\r\na,b\n1,2\n\r\n--');
	});

	it('turns a refused request into a failed result carrying the server message', async () => {
		const file = path.join(dir, 'big.csv');
		fs.writeFileSync(file, 'a\n');
		const { url } = await startServer(413, { message: 'The upload is over the 100 MB limit.' });
		const result = await sendFileToServer(url, file, command);
		expect(result.status).toBe('failed');
		expect(result.message).toBe('The server refused the file (413): The upload is over the 100 MB limit.');
	});

	it('says so when no server answers', async () => {
		const file = path.join(dir, 'a.csv');
		fs.writeFileSync(file, 'a\n');
		const { url } = await startServer(200, {});
		await new Promise((resolve) => server!.close(resolve));
		server = null;
		await expect(sendFileToServer(url, file, command)).rejects.toBeInstanceOf(ServerUnreachableError);
	});
});

describe('resolveServerUrl', () => {
	it('uses COURTYARD_SERVER_URL, else localhost on PORT, else 3000', () => {
		expect(resolveServerUrl({ COURTYARD_SERVER_URL: 'http://dash.local:8080/' })).toBe(
			'http://dash.local:8080'
		);
		expect(resolveServerUrl({ PORT: '4000' })).toBe('http://localhost:4000');
		expect(resolveServerUrl({})).toBe('http://localhost:3000');
	});
});
