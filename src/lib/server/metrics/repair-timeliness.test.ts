import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type CourtyardDatabase } from '$pipelines/db/database.ts';
import { dashboardFiltersSchema } from '$lib/filters/dashboard-filters.ts';
import { defaultSlaSettings } from '../settings/sla-settings.ts';
import { computeRepairTimeliness, computeRepairTimelinessBy } from './repair-timeliness.ts';

interface WorkOrderRow {
	id: string;
	reported_at: string;
	area: string;
	priority: 'emergency' | 'urgent' | 'routine';
	agreed_at: string | null;
	arrived_at: string | null;
	completed_at: string | null;
	rework_count: number | null;
	return_visit_at: string | null;
	satisfaction: string | null;
}

const minute = 60_000;
const hour = 60 * minute;
const toMs = (text: string) => Date.parse(text.replace(' ', 'T') + 'Z');
const toText = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

/** SPEC §5 (Repairs) written out plainly, to check the SQL against. */
function computeExpected(rows: WorkOrderRow[], period: { start: string; end: string }, evaluatedAt: string) {
	const chosen = rows.filter((r) => r.reported_at >= period.start && r.reported_at < period.end);
	const targetHours = { emergency: 24, urgent: 72, routine: 168 };
	const rate = (numerator: number, denominator: number) => ({
		numerator,
		denominator,
		rate: denominator > 0 ? numerator / denominator : null
	});
	const count = (list: WorkOrderRow[], predicate: (r: WorkOrderRow) => boolean) =>
		list.filter(predicate).length;
	const done = chosen.filter((r) => r.completed_at !== null);
	const within = (r: WorkOrderRow) =>
		toMs(r.completed_at!) - toMs(r.reported_at) <= targetHours[r.priority] * hour;
	const emergency = done.filter((r) => r.priority === 'emergency');
	const other = done.filter((r) => r.priority !== 'emergency');
	return {
		arrivedOnTime: rate(
			count(
				chosen,
				(r) =>
					r.agreed_at !== null &&
					r.arrived_at !== null &&
					toMs(r.arrived_at) <= toMs(r.agreed_at) + 15 * minute
			),
			count(
				chosen,
				(r) =>
					r.agreed_at !== null &&
					(r.arrived_at !== null || toMs(r.agreed_at) + 15 * minute < toMs(evaluatedAt))
			)
		),
		completedWithinTarget: rate(count(done, within), done.length),
		emergencyWithinTarget: rate(count(emergency, within), emergency.length),
		nonEmergencyWithinTarget: rate(count(other, within), other.length),
		completionRate: rate(done.length, chosen.length),
		firstTimeFix: rate(
			count(done, (r) => !r.rework_count),
			done.length
		),
		returnVisitRate: rate(
			count(done, (r) => r.return_visit_at !== null),
			done.length
		),
		returnVisitOnTime: rate(
			count(
				done,
				(r) => r.return_visit_at !== null && toMs(r.return_visit_at) - toMs(r.completed_at!) <= 48 * hour
			),
			done.length
		),
		returnVisitSatisfaction: rate(
			count(done, (r) =>
				['very_satisfied', 'satisfied', 'basically_satisfied'].includes(r.satisfaction ?? '')
			),
			count(done, (r) => r.satisfaction !== null && r.satisfaction !== 'unreachable')
		)
	};
}

function buildRows(): WorkOrderRow[] {
	let state = 11;
	const random = () => ((state = (state * 1_103_515_245 + 12_345) % 2_147_483_648), state / 2_147_483_648);
	const priorities = ['emergency', 'urgent', 'routine', 'routine'] as const;
	const results = ['very_satisfied', 'satisfied', 'basically_satisfied', 'dissatisfied', 'unreachable', null];
	const edges: WorkOrderRow[] = [
		// arrival exactly at the 15-minute grace, and a second over
		{
			id: 'E1',
			reported_at: '2026-10-03 08:00:00',
			area: 'A',
			priority: 'routine',
			agreed_at: '2026-10-03 10:00:00',
			arrived_at: '2026-10-03 10:15:00',
			completed_at: null,
			rework_count: null,
			return_visit_at: null,
			satisfaction: null
		},
		{
			id: 'E2',
			reported_at: '2026-10-03 08:00:00',
			area: 'A',
			priority: 'routine',
			agreed_at: '2026-10-03 10:00:00',
			arrived_at: '2026-10-03 10:15:01',
			completed_at: null,
			rework_count: null,
			return_visit_at: null,
			satisfaction: null
		},
		// emergency completed exactly at 24 h, and a second over
		{
			id: 'E3',
			reported_at: '2026-10-04 08:00:00',
			area: 'A',
			priority: 'emergency',
			agreed_at: null,
			arrived_at: null,
			completed_at: '2026-10-05 08:00:00',
			rework_count: 0,
			return_visit_at: null,
			satisfaction: null
		},
		{
			id: 'E4',
			reported_at: '2026-10-04 08:00:00',
			area: 'A',
			priority: 'emergency',
			agreed_at: null,
			arrived_at: null,
			completed_at: '2026-10-05 08:00:01',
			rework_count: 1,
			return_visit_at: null,
			satisfaction: null
		},
		// an appointment nobody kept, and one still ahead of the evaluation time
		{
			id: 'E5',
			reported_at: '2026-10-05 08:00:00',
			area: 'A',
			priority: 'urgent',
			agreed_at: '2026-10-06 09:00:00',
			arrived_at: null,
			completed_at: null,
			rework_count: null,
			return_visit_at: null,
			satisfaction: null
		},
		{
			id: 'E6',
			reported_at: '2026-10-31 08:00:00',
			area: 'A',
			priority: 'urgent',
			agreed_at: '2026-11-02 09:00:00',
			arrived_at: null,
			completed_at: null,
			rework_count: null,
			return_visit_at: null,
			satisfaction: null
		}
	];
	const generated = Array.from({ length: 400 }, (_, i): WorkOrderRow => {
		const reported = toMs('2026-09-28 00:00:00') + Math.floor(random() * 36 * 24 * 60) * minute;
		const agreed = random() < 0.6 ? reported + Math.floor(random() * 48 * 60) * minute : null;
		const arrived =
			agreed !== null && random() < 0.9 ? agreed + Math.floor((random() - 0.3) * 60) * minute : null;
		const completed = random() < 0.85 ? reported + Math.floor(random() * 200 * 60) * minute : null;
		const visit =
			completed !== null && random() < 0.8 ? completed + Math.floor(random() * 72 * 60) * minute : null;
		return {
			id: `W${i}`,
			reported_at: toText(reported),
			area: random() < 0.5 ? 'A' : 'B',
			priority: priorities[Math.floor(random() * priorities.length)],
			agreed_at: agreed === null ? null : toText(agreed),
			arrived_at: arrived === null ? null : toText(arrived),
			completed_at: completed === null ? null : toText(completed),
			rework_count: random() < 0.2 ? 1 : random() < 0.5 ? 0 : null,
			return_visit_at: visit === null ? null : toText(visit),
			satisfaction: visit === null ? null : results[Math.floor(random() * results.length)]
		};
	});
	return [...edges, ...generated];
}

const rows = buildRows();
const period = { start: '2026-10-01', end: '2026-11-01' };
const evaluatedAt = '2026-11-01 00:00:00';
let db: CourtyardDatabase;

beforeAll(async () => {
	db = await openDatabase(
		path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'courtyard-repairs-')), 'r.duckdb')
	);
	for (const r of rows) {
		await db.writer.run(
			`INSERT INTO work_orders (id, batch_id, reported_at, area, trade, priority, agreed_at, arrived_at, completed_at,
				rework_count, return_visit_at, satisfaction) VALUES ($id, 1, $reported::TIMESTAMP, $area, 'plumbing', $priority,
				$agreed::TIMESTAMP, $arrived::TIMESTAMP, $completed::TIMESTAMP, $rework, $visit::TIMESTAMP, $satisfaction)`,
			{
				id: r.id,
				reported: r.reported_at,
				area: r.area,
				priority: r.priority,
				agreed: r.agreed_at,
				arrived: r.arrived_at,
				completed: r.completed_at,
				rework: r.rework_count,
				visit: r.return_visit_at,
				satisfaction: r.satisfaction
			}
		);
	}
});
afterAll(() => db.close());

describe('computeRepairTimeliness', () => {
	it('matches the SPEC rules computed independently, edges included', async () => {
		const figures = await computeRepairTimeliness(
			db.writer,
			dashboardFiltersSchema.parse({}),
			{ kind: 'all' },
			period,
			evaluatedAt,
			defaultSlaSettings
		);
		expect(figures).toEqual(computeExpected(rows, period, evaluatedAt));
		const edges = computeExpected(
			rows.filter((r) => r.id.startsWith('E')),
			period,
			evaluatedAt
		);
		// E1 on time; E2 late; E5 never arrived; E6 not due yet
		expect(edges.arrivedOnTime).toEqual({ numerator: 1, denominator: 3, rate: 1 / 3 });
		expect(edges.emergencyWithinTarget).toEqual({ numerator: 1, denominator: 2, rate: 0.5 });
	});

	it('keeps to the area filter and the scope', async () => {
		const onlyB = await computeRepairTimeliness(
			db.writer,
			dashboardFiltersSchema.parse({ area: ['B'] }),
			{ kind: 'all' },
			period,
			evaluatedAt,
			defaultSlaSettings
		);
		expect(onlyB).toEqual(
			computeExpected(
				rows.filter((r) => r.area === 'B'),
				period,
				evaluatedAt
			)
		);
		const scoped = await computeRepairTimeliness(
			db.writer,
			dashboardFiltersSchema.parse({}),
			{ kind: 'areas', areas: ['A'] },
			period,
			evaluatedAt,
			defaultSlaSettings
		);
		expect(scoped).toEqual(
			computeExpected(
				rows.filter((r) => r.area === 'A'),
				period,
				evaluatedAt
			)
		);
	});

	it('breaks the figures down by area, each matching the independent computation', async () => {
		const byArea = await computeRepairTimelinessBy(
			db.writer,
			dashboardFiltersSchema.parse({}),
			{ kind: 'all' },
			period,
			evaluatedAt,
			defaultSlaSettings,
			'area'
		);
		expect(byArea.map((a) => a.key).sort()).toEqual([...new Set(rows.map((r) => r.area))].sort());
		for (const { key, ...figures } of byArea) {
			expect(figures, key!).toEqual(
				computeExpected(
					rows.filter((r) => r.area === key),
					period,
					evaluatedAt
				)
			);
		}
	});
});
