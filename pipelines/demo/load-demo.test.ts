import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, queryRows } from '../db/database.ts';
import { loadDemoData } from './load-demo.ts';

describe('loadDemoData', () => {
	it('loads every demo file (UTF-8, GB18030, XLSX; Chinese and English headers) whole, and every batch adds up', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'courtyard-demo-load-'));
		const db = await openDatabase(path.join(dir, 'demo.duckdb'));
		try {
			const results = await loadDemoData(db, {
				workDir: path.join(dir, 'files'),
				scale: 0.05,
				inWorker: false
			});
			expect(results.map((r) => [r.file, r.status, r.rowsRejected])).toEqual(
				results.map((r) => [r.file, 'loaded', 0])
			);
			const batches = await queryRows<{ id: number; balanced: boolean; totals: number }>(
				db.writer,
				`SELECT id, rows_read = rows_loaded + rows_updated + rows_unchanged + rows_rejected + rows_skipped AS balanced,
					rows_skipped AS totals FROM import_batches ORDER BY id`
			);
			expect(batches.every((b) => b.balanced)).toBe(true);
			const [counts] = await queryRows<{ complaints: number; totalsRows: number }>(
				db.writer,
				`SELECT (SELECT count(*) FROM complaints)::INTEGER AS complaints,
					(SELECT count(*) FROM complaints WHERE id ILIKE '%合计%' OR area ILIKE '%合计%')::INTEGER AS "totalsRows"`
			);
			const complaintRows = results
				.filter((r) => r.kind === 'complaints')
				.reduce((sum, r) => sum + r.rowsLoaded, 0);
			expect(counts).toEqual({ complaints: complaintRows, totalsRows: 0 });
			const xlsx = results.find((r) => r.file.endsWith('.xlsx') && r.kind === 'complaints')!;
			expect(xlsx.rowsSkipped).toBeGreaterThanOrEqual(1);
		} finally {
			db.close();
		}
	}, 180_000);
});
