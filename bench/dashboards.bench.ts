// Dashboard speed for `npm run bench`: p50/p95 of every metric endpoint and page on the demo data and on a
// 10× copy, and each page's JavaScript (gzipped) as a browser downloads it. One run; the machine is shared.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { openDatabase } from '../pipelines/db/database.ts';

const outDir = path.resolve('bench', 'out');
export const samples = Number(process.env.BENCH_SAMPLES ?? 30);
const port = 4390;
/** Where `startServer` listens. */
export const serverUrl = `http://127.0.0.1:${port}`;
const pages = ['/', '/complaints', '/timeliness'];

/** The demo database, built once through the real pipeline (`prepare-db`), then reused. */
export function ensureDemoDatabase(): string {
	const file = path.join(outDir, 'dashboards-1x.duckdb');
	if (!fs.existsSync(file)) {
		execFileSync(process.execPath, ['--import', 'tsx', 'pipelines/cli/prepare-database.ts'], {
			stdio: 'inherit',
			env: { ...process.env, COURTYARD_DB: file }
		});
	}
	return file;
}

/** Ten copies of every complaint and work order (new ids, same dates): ten times the rows per query. */
async function ensureTenfoldDatabase(source: string): Promise<string> {
	const file = path.join(outDir, 'dashboards-10x.duckdb');
	if (fs.existsSync(file)) return file;
	fs.copyFileSync(source, file);
	const db = await openDatabase(file);
	try {
		for (const table of ['complaints', 'work_orders']) {
			await db.writer.run(
				`INSERT INTO ${table} SELECT original.* REPLACE (original.id || '~' || copy AS id)
				FROM ${table} AS original, range(1, 10) AS copies(copy)`
			);
		}
		await db.writer.run('CHECKPOINT');
	} finally {
		db.close();
	}
	return file;
}

/** The built server (`npm run build`) on `database`, once it answers /health. */
export async function startServer(database: string): Promise<ChildProcess> {
	const server = spawn(process.execPath, ['build'], {
		env: { ...process.env, COURTYARD_DB: database, PORT: String(port), HOST: '127.0.0.1' },
		stdio: 'ignore'
	});
	for (let attempt = 0; attempt < 300; attempt++) {
		try {
			if ((await fetch(`${serverUrl}/health`)).ok) return server;
		} catch {
			// not listening yet
		}
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	server.kill();
	throw new Error('the server did not start');
}

function percentile(sorted: number[], p: number): number {
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** p50 and p95 of `samples` sequential requests after one warm-up; a failed answer stops the bench. */
export async function timeUrl(url: string): Promise<{ p50: number; p95: number }> {
	await fetch(url).then((response) => response.arrayBuffer());
	const times: number[] = [];
	for (let i = 0; i < samples; i++) {
		const start = performance.now();
		const response = await fetch(url);
		await response.arrayBuffer();
		if (!response.ok) throw new Error(`${url} answered ${response.status}`);
		times.push(performance.now() - start);
	}
	times.sort((a, b) => a - b);
	return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

async function measureEndpoints(database: string): Promise<Map<string, { p50: number; p95: number }>> {
	const server = await startServer(database);
	try {
		const base = serverUrl;
		const listing = await (await fetch(`${base}/api/metrics/nope`)).json();
		const names = String(listing.message).split('Available: ')[1].split(', ');
		const results = new Map<string, { p50: number; p95: number }>();
		for (const name of names)
			results.set(`/api/metrics/${name}`, await timeUrl(`${base}/api/metrics/${name}`));
		for (const page of pages) results.set(`page ${page}`, await timeUrl(`${base}${page}`));
		return results;
	} finally {
		server.kill();
	}
}

/** The JavaScript a browser downloads for each page (first visit, nothing cached), gzipped. */
async function measurePageScripts(database: string): Promise<Map<string, number>> {
	const server = await startServer(database);
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update']
	});
	try {
		const sizes = new Map<string, number>();
		for (const pagePath of pages) {
			const context = await browser.newContext();
			const page = await context.newPage();
			let bytes = 0;
			const pending: Promise<void>[] = [];
			page.on('response', (response) => {
				if (!response.url().endsWith('.js')) return;
				pending.push(
					response.body().then((body) => {
						bytes += gzipSync(body).length;
					})
				);
			});
			await page.goto(`${serverUrl}${pagePath}`, { waitUntil: 'networkidle' });
			await Promise.all(pending);
			sizes.set(pagePath, bytes);
			await context.close();
		}
		return sizes;
	} finally {
		await browser.close();
		server.kill();
	}
}

export async function runDashboardBench(): Promise<void> {
	fs.mkdirSync(outDir, { recursive: true });
	if (!fs.existsSync('build/index.js')) execFileSync('npm', ['run', 'build'], { stdio: 'inherit' });
	const demo = ensureDemoDatabase();
	const tenfold = await ensureTenfoldDatabase(demo);
	const one = await measureEndpoints(demo);
	const ten = await measureEndpoints(tenfold);
	const scripts = await measurePageScripts(demo);

	console.log(`\nDashboard endpoints (${samples} sequential requests each after a warm-up; one run)`);
	console.log('endpoint'.padEnd(52) + 'demo p50/p95 ms'.padStart(18) + '10× p50/p95 ms'.padStart(18));
	let failures = 0;
	for (const [endpoint, demoTimes] of one) {
		const tenTimes = ten.get(endpoint)!;
		const isPage = endpoint.startsWith('page');
		const pass = isPage || (demoTimes.p95 < 100 && tenTimes.p95 < 250);
		if (!pass) failures++;
		console.log(
			endpoint.padEnd(52) +
				`${demoTimes.p50.toFixed(0)} / ${demoTimes.p95.toFixed(0)}`.padStart(18) +
				`${tenTimes.p50.toFixed(0)} / ${tenTimes.p95.toFixed(0)}`.padStart(18) +
				(isPage ? '  (whole page, for reference)' : pass ? '  PASS' : '  FAIL')
		);
	}
	console.log(
		`metric endpoints: p95 < 100 ms (demo) and < 250 ms (10×): ${failures === 0 ? 'PASS' : `${failures} FAIL`}`
	);
	console.log('\nJavaScript per page (gzipped, first visit; target < 400 KB)');
	for (const [pagePath, bytes] of scripts) {
		const kb = bytes / 1024;
		console.log(`${pagePath.padEnd(20)}${kb.toFixed(0).padStart(6)} KB  ${kb < 400 ? 'PASS' : 'FAIL'}`);
	}
}
