import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/database.ts';
import { complaintHeader, complaintLine } from '../load/test-database.test-helper.ts';

const cli = path.join(import.meta.dirname, 'ingest.ts');

function runCli(dbPath: string, args: string[]) {
	const result = spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], {
		encoding: 'utf8',
		env: {
			...process.env,
			COURTYARD_DB: dbPath,
			// The source worker, not a possibly stale build.
			COURTYARD_PARSE_WORKER: path.join(import.meta.dirname, '..', 'load', 'parse-worker-dev.mjs')
		},
		timeout: 120_000
	});
	return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function setUp() {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'courtyard-cli-'));
	const good = path.join(dir, 'good.csv');
	const bad = path.join(dir, 'bad.csv');
	fs.writeFileSync(good, [complaintHeader, complaintLine('C1'), complaintLine('C2')].join('\n'));
	fs.writeFileSync(
		bad,
		[complaintHeader, complaintLine('C3'), complaintLine('C4', { received: 'yesterday' })].join('\n')
	);
	return { dir, dbPath: path.join(dir, 'cli.duckdb'), good, bad };
}

describe('npm run ingest', () => {
	it('loads files, prints one JSON object per file, and exits 1 when a file is rejected', () => {
		const { dbPath, good, bad } = setUp();
		const run = runCli(dbPath, ['--json', good, bad]);
		expect(run.code).toBe(1);
		const [first, second] = run.stdout
			.trim()
			.split('\n')
			.map((line) => JSON.parse(line));
		expect(Object.keys(first).slice(0, 12)).toEqual([
			'file',
			'kind',
			'batchId',
			'status',
			'rowsRead',
			'rowsLoaded',
			'rowsUpdated',
			'rowsUnchanged',
			'rowsRejected',
			'rowsSkipped',
			'rejects',
			'message'
		]);
		expect(first).toMatchObject({ file: 'good.csv', kind: 'complaints', status: 'loaded', rowsLoaded: 2 });
		expect(second).toMatchObject({ file: 'bad.csv', status: 'rejected', rowsRejected: 1, rowsLoaded: 0 });
		expect(second.rejects[0]).toMatchObject({ row: 3, column: '投诉时间', value: 'yesterday' });
	});

	it('loads the valid rows with --accept-partial, lists batches and rolls one back', () => {
		const { dbPath, good, bad } = setUp();
		expect(runCli(dbPath, [good]).code).toBe(0);
		const partial = runCli(dbPath, ['--accept-partial', bad]);
		expect(partial.code).toBe(1);
		expect(partial.stdout).toMatch(/bad\.csv: partial \(complaints\), batch 2/);
		expect(partial.stdout).toMatch(/row 3, column 投诉时间 \(value "yesterday"\): "yesterday" is not a date/);
		const list = runCli(dbPath, ['--list', '--json']);
		expect(JSON.parse(list.stdout).map((b: { status: string }) => b.status)).toEqual(['partial', 'loaded']);
		const rollback = runCli(dbPath, ['--rollback', '2']);
		expect(rollback.code).toBe(0);
		expect(rollback.stdout).toMatch(/Batch 2 rolled back: 1 records removed/);
		expect(runCli(dbPath, ['--rollback', '2']).stderr).toMatch(/already rolled back/);
	});

	it('exits 2 on usage errors', () => {
		const { dbPath } = setUp();
		expect(runCli(dbPath, []).code).toBe(2);
		const wrongKind = runCli(dbPath, ['--kind', 'invoices', 'x.csv']);
		expect(wrongKind.code).toBe(2);
		expect(wrongKind.stderr).toMatch(/Unknown kind "invoices"/);
		expect(runCli(dbPath, ['--bogus']).code).toBe(2);
	});

	it('says plainly that the server holds the database instead of failing with a lock error', async () => {
		const { dbPath, good } = setUp();
		const holder = await openDatabase(dbPath);
		try {
			const run = runCli(dbPath, [good]);
			expect(run.code).toBe(1);
			expect(run.stderr).toMatch(/is in use by another Courtyard process/);
			expect(run.stderr).not.toMatch(/IO Error/);
		} finally {
			holder.close();
		}
	});
});
