import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type CourtyardDatabase } from '$pipelines/db/database.ts';
import { dashboardFiltersSchema } from '$lib/filters/dashboard-filters.ts';
import { computeComplaintSummary } from './complaint-summary.ts';

interface Row {
	area: string;
	at: string;
	validity: 'valid' | 'invalid';
	resolved: string | null;
	status: string | null;
	level: number | null;
}

let state = 5;
const random = () => ((state = (state * 1_103_515_245 + 12_345) % 2_147_483_648), state / 2_147_483_648);
const rows: Row[] = Array.from({ length: 300 }, () => {
	const day = 1 + Math.floor(random() * 60);
	const at = new Date(Date.UTC(2026, 8, day, 10)).toISOString().slice(0, 19).replace('T', ' ');
	const resolved = random() < 0.7 ? at : null;
	return {
		area: random() < 0.6 ? 'A' : 'B',
		at,
		validity: random() < 0.85 ? 'valid' : 'invalid',
		resolved,
		status: resolved ? 'resolved' : random() < 0.3 ? 'closed' : 'open',
		level: random() < 0.5 ? null : 1 + Math.floor(random() * 3)
	};
});
const period = { start: '2026-10-01', end: '2026-11-01' };

/** The same figures from the rows, in plain TypeScript. */
function computeExpected(area: string | null, unitsInArea: number) {
	const inPeriod = rows.filter(
		(r) => r.at >= period.start && r.at < period.end && (!area || r.area === area)
	);
	const valid = inPeriod.filter((r) => r.validity === 'valid');
	const levels = [1, 2, 3]
		.map((level) => ({ level, count: valid.filter((r) => r.level === level).length }))
		.filter((l) => l.count > 0);
	return {
		volume: valid.length,
		per1000Units: (valid.length / unitsInArea) * 1000,
		unitsInRegister: unitsInArea,
		validShare: {
			numerator: valid.length,
			denominator: inPeriod.length,
			rate: valid.length / inPeriod.length
		},
		escalations: levels
	};
}

let db: CourtyardDatabase;
beforeAll(async () => {
	db = await openDatabase(
		path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'courtyard-summary-')), 's.duckdb')
	);
	for (const [i, r] of rows.entries()) {
		await db.writer.run(
			`INSERT INTO complaints (id, batch_id, received_at, area, category, severity, validity, transferred, resolved_at,
				status, escalation_level) VALUES ($id, 1, $at::TIMESTAMP, $area, 'lifts', 'general', $validity, false,
				$resolved::TIMESTAMP, $status, $level)`,
			{
				id: `S${i}`,
				at: r.at,
				area: r.area,
				validity: r.validity,
				resolved: r.resolved,
				status: r.status,
				level: r.level
			}
		);
	}
	for (let i = 0; i < 400; i++) {
		await db.writer.run(`INSERT INTO units (id, batch_id, unit_code, area) VALUES ($id, 1, $code, $area)`, {
			id: `U${i}`,
			code: `U${i}`,
			area: i < 250 ? 'A' : 'B'
		});
	}
});
afterAll(() => db.close());

describe('computeComplaintSummary', () => {
	it('counts volume, per 1,000 units, valid share and escalations as computed independently', async () => {
		const all = await computeComplaintSummary(
			db.writer,
			dashboardFiltersSchema.parse({}),
			{ kind: 'all' },
			period
		);
		expect(all).toEqual(computeExpected(null, 400));
		const onlyA = await computeComplaintSummary(
			db.writer,
			dashboardFiltersSchema.parse({ area: ['A'] }),
			{ kind: 'all' },
			period
		);
		expect(onlyA).toEqual(computeExpected('A', 250));
		const scopedB = await computeComplaintSummary(
			db.writer,
			dashboardFiltersSchema.parse({}),
			{ kind: 'areas', areas: ['B'] },
			period
		);
		expect(scopedB).toEqual(computeExpected('B', 150));
	});
});
