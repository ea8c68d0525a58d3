import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type CourtyardDatabase } from '$pipelines/db/database.ts';
import { dashboardFiltersSchema } from '$lib/filters/dashboard-filters.ts';
import { computeRepeatUnits } from './repeat-units.ts';

const rows = [
	// U1: three lift complaints inside the 90 days ending 2026-11-01 → repeat
	['U1', 'lifts', '2026-08-10 09:00:00'],
	['U1', 'lifts', '2026-09-10 09:00:00'],
	['U1', 'lifts', '2026-10-30 09:00:00'],
	// U2: three, but the first falls one second before the window opens (2026-08-03 00:00) → not
	['U2', 'lifts', '2026-08-02 23:59:59'],
	['U2', 'lifts', '2026-09-10 09:00:00'],
	['U2', 'lifts', '2026-10-10 09:00:00'],
	// U3: three complaints but of two categories → not
	['U3', 'lifts', '2026-09-01 09:00:00'],
	['U3', 'lifts', '2026-09-02 09:00:00'],
	['U3', 'pests', '2026-09-03 09:00:00'],
	// U4: four cleaning complaints → repeat, ranked first
	['U4', 'cleaning', '2026-10-01 09:00:00'],
	['U4', 'cleaning', '2026-10-02 09:00:00'],
	['U4', 'cleaning', '2026-10-03 09:00:00'],
	['U4', 'cleaning', '2026-10-04 09:00:00']
] as const;

let db: CourtyardDatabase;
beforeAll(async () => {
	db = await openDatabase(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'courtyard-repeat-')), 'r.duckdb'));
	for (const [i, [unit, category, at]] of rows.entries()) {
		await db.writer.run(
			`INSERT INTO complaints (id, batch_id, received_at, area, unit, category, severity, validity, transferred)
				VALUES ($id, 1, $at::TIMESTAMP, 'A', $unit, $category, 'general', 'valid', false)`,
			{ id: `R${i}`, at, unit, category }
		);
	}
});
afterAll(() => db.close());

describe('computeRepeatUnits', () => {
	it('lists units with 3 or more complaints of one category in the 90 days ending with the period', async () => {
		const units = await computeRepeatUnits(
			db.writer,
			dashboardFiltersSchema.parse({}),
			{ kind: 'all' },
			{
				start: '2026-10-01',
				end: '2026-11-01'
			}
		);
		expect(units).toEqual([
			{
				area: 'A',
				unit: 'U4',
				category: 'cleaning',
				count: 4,
				first: '2026-10-01 09:00:00',
				last: '2026-10-04 09:00:00'
			},
			{
				area: 'A',
				unit: 'U1',
				category: 'lifts',
				count: 3,
				first: '2026-08-10 09:00:00',
				last: '2026-10-30 09:00:00'
			}
		]);
	});
});
