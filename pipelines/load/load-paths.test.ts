import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, queryRows, type CourtyardDatabase } from '../db/database.ts';
import { generateDemoData } from '../demo/generate-demo.ts';
import { encodeGb18030 } from '../demo/gb18030-encoder.ts';
import { ingestFile, type IngestResult } from './ingest-file.ts';
import { complaintHeader, complaintLine } from './test-database.test-helper.ts';

/**
 * A CSV (or a workbook's rows as text) is loaded by DuckDB with JavaScript deciding only the rows SQL cannot
 * vouch for; the same file
 * parsed wholly in JavaScript must give exactly the same records, rejects and counts.
 */
const tables = ['units', 'complaints', 'work_orders', 'fee_bills', 'payments'];

async function snapshot(db: CourtyardDatabase) {
	const result: Record<string, unknown[]> = {};
	for (const table of tables) {
		result[table] = await queryRows(db.writer, `SELECT * EXCLUDE (batch_id) FROM ${table} ORDER BY id`);
	}
	result.quarantine = await queryRows(
		db.writer,
		'SELECT row_number, column_name, value, reason FROM quarantined_rows ORDER BY batch_id, row_number, column_name'
	);
	return result;
}

const awkwardRows = [
	complaintHeader,
	complaintLine('A1'),
	complaintLine('A2', { received: '2025年3月7日 9:05', unit: ' ３-２-１５０２ ', category: ' 电梯 ' }),
	complaintLine('A3', { channel: 'Phone', severity: 'URGENT', transferred: '已转' }),
	'',
	complaintLine('A4', { description: '"多行\n描述, 含逗号"' }),
	complaintLine('A5', { received: '2025-02-30 10:00:00' }),
	complaintLine('A6', { resolved: '2025-03-06 10:00:00' }),
	',,,,,,,,,,,,,,',
	complaintLine('A1'),
	complaintLine('', { description: '无编号' }),
	complaintLine('', { description: '无编号' }),
	'A7,2025-03-07 09:00:00,来电,翠湖花园,3栋',
	complaintLine('A8', { phone: '138 0013 8000', department: '　工程部' }),
	'合计,8,,,,,,,,,,,,,'
].join('\r\n');

describe('bulk path and JavaScript path', () => {
	let dir: string;
	let files: string[];
	beforeAll(async () => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'courtyard-paths-'));
		const manifest = await generateDemoData({ outDir: path.join(dir, 'demo'), scale: 0.03 });
		const awkwardUtf8 = path.join(dir, 'awkward.csv');
		fs.writeFileSync(awkwardUtf8, awkwardRows);
		const awkwardGb = path.join(dir, 'awkward-gb.csv');
		fs.writeFileSync(awkwardGb, encodeGb18030(awkwardRows.replaceAll('A', 'G')));
		files = [
			...manifest.files.filter((f) => f.kind !== 'surveys').map((f) => f.path),
			awkwardUtf8,
			awkwardGb
		];
	}, 120_000);
	afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

	async function loadAll(parseMode: 'scan' | 'full') {
		const db = await openDatabase(path.join(dir, `${parseMode}.duckdb`));
		const results: IngestResult[] = [];
		for (const filePath of files) {
			results.push(
				await ingestFile(db, {
					filePath,
					uploadedBy: 't',
					source: 'cli',
					inWorker: false,
					acceptPartial: true,
					parseMode
				})
			);
		}
		const data = await snapshot(db);
		db.close();
		return { results, data };
	}

	it('stores the same records, quarantines the same rows and counts the same', async () => {
		const bulk = await loadAll('scan');
		const full = await loadAll('full');
		const counts = (r: IngestResult) => [
			r.file,
			r.status,
			r.rowsRead,
			r.rowsLoaded,
			r.rowsRejected,
			r.rowsSkipped
		];
		expect(bulk.results.map((r) => r.loadPath)).toEqual(files.map(() => 'bulk'));
		expect(full.results.map((r) => r.loadPath)).toEqual(files.map(() => 'javascript'));
		expect(bulk.results.map(counts)).toEqual(full.results.map(counts));
		for (const key of Object.keys(full.data)) expect(bulk.data[key], key).toEqual(full.data[key]);
		const awkward = bulk.results.find((r) => r.file === 'awkward.csv')!;
		expect(awkward).toMatchObject({
			status: 'partial',
			rowsRead: 14,
			rowsSkipped: 3,
			rowsRejected: 5,
			rowsLoaded: 6
		});
		expect(awkward.rejects.map((r) => [r.row, r.column])).toEqual([
			[7, '投诉时间'],
			[8, '办结时间'],
			[10, '投诉编号'],
			[12, null],
			[13, '投诉类别']
		]);
	}, 240_000);
});
