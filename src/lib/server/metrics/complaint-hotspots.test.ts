import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type CourtyardDatabase } from '$pipelines/db/database.ts';
import { dashboardFiltersSchema } from '$lib/filters/dashboard-filters.ts';
import { computeComplaintHotspots } from './complaint-hotspots.ts';

const filters = dashboardFiltersSchema.parse({});
const all = { kind: 'all' } as const;

async function createDatabase(): Promise<CourtyardDatabase> {
	return openDatabase(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'courtyard-hotspot-')), 'h.duckdb'));
}

async function insertComplaints(
	db: CourtyardDatabase,
	rows: { area: string; category: string; at: string }[]
) {
	for (const [i, row] of rows.entries()) {
		await db.writer.run(
			`INSERT INTO complaints (id, batch_id, received_at, area, category, severity, validity, transferred)
				VALUES ($id, 1, $at::TIMESTAMP, $area, $category, 'general', 'valid', false)`,
			{ id: `H${i}`, at: row.at, area: row.area, category: row.category }
		);
	}
}

describe('computeComplaintHotspots', () => {
	let db: CourtyardDatabase;
	beforeAll(async () => {
		db = await createDatabase();
		const rows: { area: string; category: string; at: string }[] = [];
		const month = (m: number) => `2025-${String(m).padStart(2, '0')}-15 10:00:00`;
		// A: 2 a month for a year, then 9 in the period → baseline 2, sd 1.41: flagged (excess 7)
		for (let m = 1; m <= 12; m++) rows.push(...Array(2).fill({ area: 'A', category: 'lifts', at: month(m) }));
		rows.push(...Array(9).fill({ area: 'A', category: 'lifts', at: '2026-01-20 10:00:00' }));
		// B: baseline 0, 2 in the period → excess 2 < 3: not flagged; C: baseline 0, 3 → flagged
		rows.push(...Array(2).fill({ area: 'B', category: 'pests', at: '2026-01-05 10:00:00' }));
		rows.push(...Array(3).fill({ area: 'C', category: 'parking', at: '2026-01-05 10:00:00' }));
		// D: baseline 16 a month (sd 4), 23 in the period → excess 7 < 8: not flagged
		for (let m = 1; m <= 12; m++)
			rows.push(...Array(16).fill({ area: 'D', category: 'cleaning', at: month(m) }));
		rows.push(...Array(23).fill({ area: 'D', category: 'cleaning', at: '2026-01-09 10:00:00' }));
		// E: flagged in December already (comparison period) and again in January → chronic
		rows.push(...Array(4).fill({ area: 'E', category: 'security', at: '2025-12-09 10:00:00' }));
		rows.push(...Array(5).fill({ area: 'E', category: 'security', at: '2026-01-09 10:00:00' }));
		await insertComplaints(db, rows);
	});
	afterAll(() => db.close());

	it('flags cells 2 standard deviations and 3 complaints above their own trailing-12-month baseline', async () => {
		const period = { start: '2026-01-01', end: '2026-02-01' };
		const comparison = { start: '2025-12-01', end: '2026-01-01' };
		const cells = await computeComplaintHotspots(db.writer, filters, all, period, comparison);
		const byArea = Object.fromEntries(cells.map((c) => [c.area, c]));
		const months = 31 / (365.25 / 12);
		expect(byArea.A).toMatchObject({ count: 9, flagged: true, status: 'new' });
		expect(byArea.A.baseline).toBeCloseTo((24 / 12) * months, 10);
		expect(byArea.B).toMatchObject({ count: 2, flagged: false, status: null });
		expect(byArea.C).toMatchObject({ count: 3, flagged: true, status: 'new' });
		expect(byArea.D).toMatchObject({ count: 23, flagged: false });
		expect(byArea.E).toMatchObject({ count: 5, flagged: true, status: 'chronic' });
		expect(cells[0].area).toBe('A');
	});
});
