import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, queryRows } from '../db/database.ts';
import { ingestFile } from './ingest-file.ts';
import { complaintHeader, complaintLine } from './test-database.test-helper.ts';

function writeComplaints(file: string, count: number, prefix: string): void {
	const lines = [complaintHeader];
	for (let i = 0; i < count; i++) lines.push(complaintLine(`${prefix}${i}`));
	fs.writeFileSync(file, lines.join('\n'));
}

describe('a load killed with SIGKILL mid-way', () => {
	it('leaves the batch wholly absent and the database opens with the earlier data intact', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'courtyard-kill-'));
		const dbPath = path.join(dir, 'kill.duckdb');
		const small = path.join(dir, 'small.csv');
		const big = path.join(dir, 'big.csv');
		writeComplaints(small, 10, 'S');
		writeComplaints(big, 200_000, 'B');
		const db = await openDatabase(dbPath);
		await ingestFile(db, { filePath: small, uploadedBy: 'tester', source: 'cli', inWorker: false });
		db.close();

		const child = spawn(
			process.execPath,
			['--import', 'tsx', path.join(import.meta.dirname, 'kill-load.test-helper.ts'), dbPath, big],
			{
				stdio: ['ignore', 'pipe', 'inherit']
			}
		);
		let output = '';
		const killedMidLoad = await new Promise<boolean>((resolve) => {
			child.stdout.on('data', (chunk: Buffer) => {
				output += chunk.toString();
				if (output.includes('TRANSACTION-STARTED')) {
					// Give the merge a moment to write into the table, then kill without any chance to clean up.
					setTimeout(() => resolve(child.kill('SIGKILL')), 50);
				}
			});
			child.on('exit', () => resolve(false));
		});
		await new Promise((resolve) =>
			child.exitCode !== null || child.signalCode ? resolve(null) : child.on('exit', resolve)
		);
		expect(killedMidLoad).toBe(true);
		expect(output).not.toContain('LOAD-FINISHED');

		const reopened = await openDatabase(dbPath);
		try {
			const [complaints] = await queryRows<{ n: number; big: number }>(
				reopened.writer,
				"SELECT count(*)::INTEGER AS n, count(*) FILTER (WHERE id LIKE 'B%')::INTEGER AS big FROM complaints"
			);
			expect(complaints).toEqual({ n: 10, big: 0 });
			const batches = await queryRows<{ file_name: string }>(
				reopened.writer,
				'SELECT file_name FROM import_batches'
			);
			expect(batches.map((b) => b.file_name)).toEqual(['small.csv']);
		} finally {
			reopened.close();
		}
	}, 120_000);
});
