import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type CourtyardDatabase } from '$pipelines/db/database.ts';
import { dashboardFiltersSchema } from '$lib/filters/dashboard-filters.ts';
import { computeComplaintMix } from './complaint-mix.ts';

let state = 3;
const random = () => ((state = (state * 1_103_515_245 + 12_345) % 2_147_483_648), state / 2_147_483_648);
const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
const rows = Array.from({ length: 500 }, () => ({
	area: pick(['A', 'B']),
	building: pick(['1栋', '2栋', '3栋', null]),
	channel: pick(['phone', 'visit', 'online', null]),
	severity: pick(['general', 'general', 'major', 'urgent']),
	validity: random() < 0.9 ? 'valid' : 'invalid',
	at: `2026-10-${String(1 + Math.floor(random() * 31)).padStart(2, '0')} 10:00:00`
}));

/** Counting the same rows in TypeScript, sorted as the metric promises (count desc, then key). */
function countBy<T>(list: T[], key: (row: T) => string | null) {
	const counts = new Map<string | null, number>();
	for (const row of list) counts.set(key(row), (counts.get(key(row)) ?? 0) + 1);
	return [...counts]
		.map(([k, count]) => ({ key: k, count }))
		.sort((a, b) => b.count - a.count || String(a.key).localeCompare(String(b.key)));
}

let db: CourtyardDatabase;
beforeAll(async () => {
	db = await openDatabase(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'courtyard-mix-')), 'm.duckdb'));
	for (const [i, r] of rows.entries()) {
		await db.writer.run(
			`INSERT INTO complaints (id, batch_id, received_at, area, building, channel, category, severity, validity,
				transferred) VALUES ($id, 1, $at::TIMESTAMP, $area, $building, $channel, 'lifts', $severity, $validity, false)`,
			{ id: `M${i}`, ...r }
		);
	}
});
afterAll(() => db.close());

describe('computeComplaintMix', () => {
	it('counts channels, severities, validity and buildings as computed independently', async () => {
		const mix = await computeComplaintMix(
			db.writer,
			dashboardFiltersSchema.parse({}),
			{ kind: 'all' },
			{
				start: '2026-10-01',
				end: '2026-11-01'
			}
		);
		const valid = rows.filter((r) => r.validity === 'valid');
		const sortKeys = (list: { key: string | null; count: number }[]) =>
			[...list].sort((a, b) => b.count - a.count || String(a.key).localeCompare(String(b.key)));
		expect(sortKeys(mix.byChannel)).toEqual(countBy(valid, (r) => r.channel));
		expect(sortKeys(mix.bySeverity)).toEqual(countBy(valid, (r) => r.severity));
		expect(sortKeys(mix.byValidity)).toEqual(countBy(rows, (r) => r.validity));
		const buildings = countBy(valid, (r) => `${r.area}|${r.building}`);
		expect(mix.topBuildings.map((b) => b.count)).toEqual(buildings.slice(0, 8).map((b) => b.count));
		expect(mix.topBuildings).toHaveLength(8);
	});
});
