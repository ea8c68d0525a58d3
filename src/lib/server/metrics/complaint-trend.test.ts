import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type CourtyardDatabase } from '$pipelines/db/database.ts';
import { dashboardFiltersSchema } from '$lib/filters/dashboard-filters.ts';
import { computeComplaintTrend } from './complaint-trend.ts';

/** Monthly counts from 2024-11 to 2026-10: a steady 4 a month, with a spike of 12 in 2026-07. */
const monthlyCounts = new Map<string, number>();
for (let i = 0; i < 24; i++) {
	const month = new Date(Date.UTC(2024, 10 + i, 1)).toISOString().slice(0, 10);
	monthlyCounts.set(month, month === '2026-07-01' ? 12 : month === '2026-09-01' ? 8 : 4);
}

let db: CourtyardDatabase;
beforeAll(async () => {
	db = await openDatabase(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'courtyard-trend-')), 't.duckdb'));
	let id = 0;
	for (const [month, count] of monthlyCounts) {
		for (let i = 0; i < count; i++) {
			await db.writer.run(
				`INSERT INTO complaints (id, batch_id, received_at, area, category, severity, validity, transferred)
					VALUES ($id, 1, $at::TIMESTAMP, 'A', 'lifts', 'general', 'valid', false)`,
				{ id: `T${id++}`, at: `${month.slice(0, 8)}${String(1 + i).padStart(2, '0')} 10:00:00` }
			);
		}
	}
});
afterAll(() => db.close());

describe('computeComplaintTrend', () => {
	it('shows the 12 months ending with the period, each against its own trailing-12-month mean', async () => {
		const months = await computeComplaintTrend(
			db.writer,
			dashboardFiltersSchema.parse({}),
			{ kind: 'all' },
			{
				start: '2026-10-01',
				end: '2026-11-01'
			}
		);
		expect(months.map((m) => m.month)).toEqual(
			Array.from({ length: 12 }, (_, i) => new Date(Date.UTC(2025, 10 + i, 1)).toISOString().slice(0, 10))
		);
		for (const month of months) {
			let total = 0;
			for (let back = 1; back <= 12; back++) {
				const earlier = new Date(Date.parse(month.month) - 0);
				earlier.setUTCMonth(earlier.getUTCMonth() - back);
				total += monthlyCounts.get(earlier.toISOString().slice(0, 10)) ?? 0;
			}
			expect(month.count).toBe(monthlyCounts.get(month.month));
			expect(month.baseline).toBeCloseTo(total / 12, 10);
		}
		// 12 against a mean of 4 (sd 2): a spike; 8 against ~4.67 (sd ~2.16): 3.33 over but under 2 sd → not
		expect(months.filter((m) => m.spike).map((m) => m.month)).toEqual(['2026-07-01']);
	});
});
