import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, runInTransaction, type CourtyardDatabase } from '$pipelines/db/database.ts';
import { dashboardFiltersSchema } from '$lib/filters/dashboard-filters.ts';
import type { AreaScope } from '../scope.ts';
import { defaultSlaSettings } from '../settings/sla-settings.ts';
import { computeResolutionDistribution } from './resolution-distribution.ts';

interface ComplaintRow {
	id: string;
	received_at: string;
	area: string;
	category: string;
	severity: 'general' | 'major' | 'urgent';
	validity: 'valid' | 'invalid';
	transferred: boolean;
	resolved_at: string | null;
}

const hour = 3_600_000;
const day = 24 * hour;
const toMs = (text: string) => Date.parse(text.replace(' ', 'T') + 'Z');
const toText = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

const period = { start: '2026-10-01', end: '2026-11-01' };
const edgeArea = '锦绣江南';
const all: AreaScope = { kind: 'all' };
const edgeScope: AreaScope = { kind: 'areas', areas: [edgeArea] };
const noFilters = dashboardFiltersSchema.parse({});

/** The upper edges written out again, so a changed edge in the module shows up here. */
const edges = [4, 8, 24, 48, 72, 120, 168];

/** SPEC §5 written out plainly: calendar days for the same-day rule, hour bins (upper edge inclusive) otherwise. */
function computeExpected(rows: ComplaintRow[], keep: (r: ComplaintRow) => boolean, generalSameDay = true) {
	const resolved = rows.filter(
		(r) =>
			keep(r) &&
			r.validity === 'valid' &&
			r.received_at >= period.start &&
			r.received_at < period.end &&
			r.resolved_at !== null
	);
	const sameDayRule = (r: ComplaintRow) => generalSameDay && r.severity === 'general' && !r.transferred;
	const days = Array<number>(8).fill(0);
	const bins = Array<number>(edges.length + 1).fill(0);
	for (const r of resolved) {
		if (sameDayRule(r)) {
			const calendarDays = (toMs(r.resolved_at!.slice(0, 10)) - toMs(r.received_at.slice(0, 10))) / day;
			days[Math.min(calendarDays, 7)]++;
		} else {
			const seconds = (toMs(r.resolved_at!) - toMs(r.received_at)) / 1000;
			const index = edges.findIndex((edge) => seconds <= edge * 3600);
			bins[index === -1 ? edges.length : index]++;
		}
	}
	return {
		sameDayRule: days.map((count, daysAfter) => ({ daysAfter, count })),
		escalatedRule: bins.map((count, index) => ({
			fromHours: index === 0 ? 0 : edges[index - 1],
			toHours: index < edges.length ? edges[index] : null,
			count
		})),
		escalatedLimitHours: 72
	};
}

const complaint = (
	id: string,
	received_at: string,
	resolved_at: string | null,
	o: Partial<ComplaintRow> = {}
): ComplaintRow => ({
	id,
	received_at,
	resolved_at,
	area: edgeArea,
	category: 'lifts',
	severity: 'general',
	validity: 'valid',
	transferred: false,
	...o
});
const transferred = { transferred: true };

const edgeRows: ComplaintRow[] = [
	// same-day rule: calendar days, not 24-hour spans; a second either side of midnight; capped at 7
	complaint('S1', '2026-10-05 08:00:00', '2026-10-05 23:59:59'),
	complaint('S2', '2026-10-05 08:00:00', '2026-10-06 00:00:00'),
	complaint('S3', '2026-10-05 23:59:59', '2026-10-06 00:00:00'),
	complaint('S4', '2026-10-05 00:00:00', '2026-10-06 23:59:59'),
	complaint('S5', '2026-10-05 08:00:00', '2026-10-12 00:00:00'),
	complaint('S6', '2026-10-05 08:00:00', '2026-10-11 23:59:59'),
	complaint('S7', '2026-10-05 08:00:00', '2026-10-25 08:00:00'),
	// escalated rule: exactly on an edge belongs to the lower bin, one second past it to the next
	complaint('X1', '2026-10-06 10:00:00', '2026-10-06 10:00:00', transferred),
	complaint('X2', '2026-10-06 10:00:00', '2026-10-06 14:00:00', transferred),
	complaint('X3', '2026-10-06 10:00:00', '2026-10-06 14:00:01', { severity: 'major' }),
	complaint('X4', '2026-10-06 10:00:00', '2026-10-09 10:00:00', { severity: 'urgent' }),
	complaint('X5', '2026-10-06 10:00:00', '2026-10-09 10:00:01', { severity: 'urgent' }),
	complaint('X6', '2026-10-06 10:00:00', '2026-10-13 10:00:00', { severity: 'major', transferred: true }),
	complaint('X7', '2026-10-06 10:00:00', '2026-10-13 10:00:01', transferred),
	complaint('X8', '2026-10-06 10:00:00', '2026-10-07 10:00:00', transferred),
	// left out: unresolved (both rules), invalid, received a second either side of the period
	complaint('U1', '2026-10-07 10:00:00', null),
	complaint('U2', '2026-10-07 10:00:00', null, { severity: 'urgent' }),
	complaint('U3', '2026-10-07 10:00:00', '2026-10-07 11:00:00', { validity: 'invalid' }),
	complaint('U4', '2026-09-30 23:59:59', '2026-10-01 01:00:00', { severity: 'major' }),
	complaint('U5', '2026-11-01 00:00:00', '2026-11-01 01:00:00')
];

function buildRows(): ComplaintRow[] {
	let state = 23;
	const random = () => ((state = (state * 1_103_515_245 + 12_345) % 2_147_483_648), state / 2_147_483_648);
	const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
	const start = toMs('2026-09-20 00:00:00');
	const generated = Array.from({ length: 600 }, (_, i) => {
		const received = start + Math.floor(random() * 50 * 86_400) * 1000;
		// whole hours now and then, so values land exactly on bin edges
		const took =
			random() < 0.3 ? Math.floor(random() * 200) * hour : Math.floor(random() * 250 * 3600) * 1000;
		return complaint(`R${i}`, toText(received), random() < 0.85 ? toText(received + took) : null, {
			area: pick(['翠湖花园', '碧水湾']),
			category: pick(['lifts', 'cleaning']),
			severity: pick(['general', 'general', 'major', 'urgent'] as const),
			validity: random() < 0.9 ? 'valid' : 'invalid',
			transferred: random() < 0.3
		});
	});
	return [...edgeRows, ...generated];
}

const rows = buildRows();
let db: CourtyardDatabase;

beforeAll(async () => {
	db = await openDatabase(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'courtyard-dist-')), 'd.duckdb'));
	await runInTransaction(db.writer, async () => {
		for (const r of rows) {
			await db.writer.run(
				`INSERT INTO complaints (id, batch_id, received_at, area, category, severity, validity, transferred,
					resolved_at)
					VALUES ($id, 1, $received::TIMESTAMP, $area, $category, $severity, $validity, $transferred,
					$resolved::TIMESTAMP)`,
				{
					id: r.id,
					received: r.received_at,
					area: r.area,
					category: r.category,
					severity: r.severity,
					validity: r.validity,
					transferred: r.transferred,
					resolved: r.resolved_at
				}
			);
		}
	});
});
afterAll(() => db.close());

describe('computeResolutionDistribution', () => {
	it('matches the distributions computed independently over the whole register', async () => {
		const figures = await computeResolutionDistribution(
			db.writer,
			noFilters,
			all,
			period,
			defaultSlaSettings
		);
		const expected = computeExpected(rows, () => true);
		expect(figures).toEqual(expected);
		// the random register lands some resolutions exactly on edges, and fills the open-ended bin
		expect(expected.escalatedRule.at(-1)!.count).toBeGreaterThan(0);
		expect(expected.sameDayRule.at(-1)!.count).toBeGreaterThan(0);
	});

	it('puts each edge case in the right day and bin', async () => {
		const figures = await computeResolutionDistribution(
			db.writer,
			noFilters,
			edgeScope,
			period,
			defaultSlaSettings
		);
		expect(figures).toEqual(computeExpected(rows, (r) => r.area === edgeArea));
		// S1 → 0; S2, S3, S4 → 1; S6 → 6; S5 (exactly 7 days), S7 (20 days) → 7
		expect(figures.sameDayRule.map((d) => d.count)).toEqual([1, 3, 0, 0, 0, 0, 1, 2]);
		// X1, X2 (0 h, exactly 4 h) → 0–4; X3 → 4–8; X8 (exactly 24 h) → 8–24; X4 (exactly 72 h) → 48–72;
		// X5 → 72–120; X6 (exactly 168 h) → 120–168; X7 → 168+
		expect(figures.escalatedRule.map((b) => [b.fromHours, b.toHours, b.count])).toEqual([
			[0, 4, 2],
			[4, 8, 1],
			[8, 24, 1],
			[24, 48, 0],
			[48, 72, 1],
			[72, 120, 1],
			[120, 168, 1],
			[168, null, 1]
		]);
		expect(figures.escalatedLimitHours).toBe(72);
	});

	it('counts invalid complaints only when the page asks for all, and never unresolved ones', async () => {
		const withInvalid = await computeResolutionDistribution(
			db.writer,
			dashboardFiltersSchema.parse({ validity: 'all' }),
			edgeScope,
			period,
			defaultSlaSettings
		);
		const total = (f: typeof withInvalid) =>
			f.sameDayRule.reduce((n, d) => n + d.count, 0) + f.escalatedRule.reduce((n, b) => n + b.count, 0);
		// the 15 resolved edge complaints of the period, plus the invalid U3 (0 days after)
		expect(total(withInvalid)).toBe(16);
		expect(withInvalid.sameDayRule[0].count).toBe(2);
	});

	it('honours the filters and scope', async () => {
		const scope: AreaScope = { kind: 'areas', areas: ['碧水湾'] };
		const filters = dashboardFiltersSchema.parse({ category: ['cleaning'], severity: ['general', 'urgent'] });
		const figures = await computeResolutionDistribution(
			db.writer,
			filters,
			scope,
			period,
			defaultSlaSettings
		);
		expect(figures).toEqual(
			computeExpected(rows, (r) => r.area === '碧水湾' && r.category === 'cleaning' && r.severity !== 'major')
		);
	});

	it('bins every complaint by hours when the site switches the same-day rule off', async () => {
		const sla = { ...defaultSlaSettings, generalSameDay: false, escalatedResolutionHours: 48 };
		const figures = await computeResolutionDistribution(db.writer, noFilters, all, period, sla);
		expect(figures).toEqual({ ...computeExpected(rows, () => true, false), escalatedLimitHours: 48 });
		expect(figures.sameDayRule.every((d) => d.count === 0)).toBe(true);
	});
});
