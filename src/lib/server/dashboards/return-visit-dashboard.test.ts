import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '$pipelines/db/database.ts';
import { dashboardFiltersSchema } from '$lib/filters/dashboard-filters.ts';
import { getDatabase } from '../database.ts';
import { loadReturnVisitDashboard, type ReturnVisitFigures } from './return-visit-dashboard.ts';

interface ComplaintRow {
	id: string;
	received_at: string;
	area: string;
	department: string | null;
	validity: 'valid' | 'invalid';
	resolved_at: string | null;
	return_visit_at: string | null;
	return_visit_result: string | null;
}

interface WorkOrderRow {
	id: string;
	reported_at: string;
	area: string;
	team: string | null;
	completed_at: string | null;
	return_visit_at: string | null;
	satisfaction: string | null;
}

const hour = 3_600_000;
const toMs = (text: string) => Date.parse(text.replace(' ', 'T') + 'Z');
const toText = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
const satisfied = ['very_satisfied', 'satisfied', 'basically_satisfied'];
const results = [...satisfied, 'dissatisfied', 'unreachable'];
const areas = ['翠湖花园', '锦绣江南', '阳光新城'];

function createRandom(seed: number) {
	let state = seed;
	return () => {
		state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
		return state / 2_147_483_648;
	};
}

/** Two years of records, so the period has a previous month (环比) and a year-earlier one (同比). */
function buildRecords(): { complaints: ComplaintRow[]; workOrders: WorkOrderRow[] } {
	const random = createRandom(23);
	const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
	const start = toMs('2024-09-01 00:00:00');
	const someTime = () => start + Math.floor(random() * 770 * 24) * hour + Math.floor(random() * 60) * 60_000;
	const later = (from: number, maxHours: number) => from + Math.floor(random() * maxHours * 60) * 60_000;
	const complaints = Array.from({ length: 1100 }, (_, i): ComplaintRow => {
		const received = someTime();
		const resolved = random() < 0.85 ? later(received, 90) : null;
		const visit = resolved !== null && random() < 0.8 ? later(resolved, 80) : null;
		return {
			id: `C${i}`,
			received_at: toText(received),
			area: pick(areas),
			department: pick(['客服部', '工程部', '秩序部', null]),
			validity: random() < 0.9 ? 'valid' : 'invalid',
			resolved_at: resolved === null ? null : toText(resolved),
			return_visit_at: visit === null ? null : toText(visit),
			return_visit_result: visit === null ? null : pick([...results, null])
		};
	});
	const workOrders = Array.from({ length: 1100 }, (_, i): WorkOrderRow => {
		const reported = someTime();
		const completed = random() < 0.85 ? later(reported, 200) : null;
		const visit = completed !== null && random() < 0.75 ? later(completed, 80) : null;
		return {
			id: `W${i}`,
			reported_at: toText(reported),
			area: pick(areas),
			team: pick(['水电一组', '土建组', '暖通组', null]),
			completed_at: completed === null ? null : toText(completed),
			return_visit_at: visit === null ? null : toText(visit),
			satisfaction: visit === null ? null : pick([...results, null])
		};
	});
	// The 2-day window's edge in the period: exactly 48 h after resolution counts, a second more does not.
	complaints.push(
		...[0, 1].map((late) => ({
			id: `EDGE${late}`,
			received_at: '2026-09-10 09:00:00',
			area: areas[0],
			department: '客服部',
			validity: 'valid' as const,
			resolved_at: '2026-09-10 10:00:00',
			return_visit_at: toText(toMs('2026-09-12 10:00:00') + late * 1000),
			return_visit_result: 'satisfied'
		}))
	);
	return { complaints, workOrders };
}

const { complaints, workOrders } = buildRecords();

const rate = (numerator: number, denominator: number) => ({
	numerator,
	denominator,
	rate: denominator > 0 ? numerator / denominator : null
});
const withinTwoDays = (from: string, visit: string) => toMs(visit) - toMs(from) <= 48 * hour;

/** SPEC §5 written out plainly: return visits after valid complaints received in [start, end). */
function expectComplaints(rows: ComplaintRow[], start: string, end: string): ReturnVisitFigures {
	const chosen = rows.filter((r) => r.validity === 'valid' && r.received_at >= start && r.received_at < end);
	const resolved = chosen.filter((r) => r.resolved_at !== null);
	const visited = resolved.filter((r) => r.return_visit_at !== null);
	const reached = chosen.filter(
		(r) => r.return_visit_result !== null && r.return_visit_result !== 'unreachable'
	);
	return {
		satisfaction: rate(
			reached.filter((r) => satisfied.includes(r.return_visit_result!)).length,
			reached.length
		),
		visitRate: rate(visited.length, resolved.length),
		visitOnTime: rate(
			visited.filter((r) => withinTwoDays(r.resolved_at!, r.return_visit_at!)).length,
			resolved.length
		)
	};
}

/** The same for work orders reported in [start, end), counted once completed. */
function expectRepairs(rows: WorkOrderRow[], start: string, end: string): ReturnVisitFigures {
	const completed = rows.filter(
		(r) => r.reported_at >= start && r.reported_at < end && r.completed_at !== null
	);
	const visited = completed.filter((r) => r.return_visit_at !== null);
	const reached = completed.filter((r) => r.satisfaction !== null && r.satisfaction !== 'unreachable');
	return {
		satisfaction: rate(reached.filter((r) => satisfied.includes(r.satisfaction!)).length, reached.length),
		visitRate: rate(visited.length, completed.length),
		visitOnTime: rate(
			visited.filter((r) => withinTwoDays(r.completed_at!, r.return_visit_at!)).length,
			completed.length
		)
	};
}

beforeAll(async () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'courtyard-return-visits-'));
	process.env.COURTYARD_DB = path.join(dir, 'return-visits.duckdb');
	const db = await openDatabase(process.env.COURTYARD_DB);
	// One transaction: a commit per row makes the setup several times slower.
	await db.writer.run('BEGIN TRANSACTION');
	for (const c of complaints) {
		await db.writer.run(
			`INSERT INTO complaints (id, batch_id, received_at, area, department, category, severity, validity,
				transferred, resolved_at, return_visit_at, return_visit_result)
			VALUES ($id, 1, $received::TIMESTAMP, $area, $department, 'lifts', 'general', $validity, false,
				$resolved::TIMESTAMP, $visit::TIMESTAMP, $result)`,
			{
				id: c.id,
				received: c.received_at,
				area: c.area,
				department: c.department,
				validity: c.validity,
				resolved: c.resolved_at,
				visit: c.return_visit_at,
				result: c.return_visit_result
			}
		);
	}
	for (const w of workOrders) {
		await db.writer.run(
			`INSERT INTO work_orders (id, batch_id, reported_at, area, trade, priority, team, completed_at,
				return_visit_at, satisfaction)
			VALUES ($id, 1, $reported::TIMESTAMP, $area, 'plumbing', 'routine', $team, $completed::TIMESTAMP,
				$visit::TIMESTAMP, $satisfaction)`,
			{
				id: w.id,
				reported: w.reported_at,
				area: w.area,
				team: w.team,
				completed: w.completed_at,
				visit: w.return_visit_at,
				satisfaction: w.satisfaction
			}
		);
	}
	await db.writer.run('COMMIT');
	db.close();
	await getDatabase();
});

const september = dashboardFiltersSchema.parse({ period: 'this-month', asOf: '2026-09-15' });
const twelveMonths = Array.from({ length: 12 }, (_, index) => {
	const start = new Date(Date.UTC(2025, 9 + index, 1));
	const end = new Date(Date.UTC(2025, 10 + index, 1));
	return {
		month: start.toISOString().slice(0, 7),
		start: start.toISOString().slice(0, 10),
		end: end.toISOString().slice(0, 10)
	};
});

/** The expected figures of every group with records counted in September 2026. */
function expectGroups<T>(
	rows: T[],
	counted: (row: T) => boolean,
	keyOf: (row: T) => string | null,
	compute: (rows: T[], start: string, end: string) => ReturnVisitFigures
) {
	const keys = [...new Set(rows.filter(counted).map(keyOf))];
	return new Map(
		keys.map((key) => [
			key,
			compute(
				rows.filter((row) => keyOf(row) === key),
				'2026-09-01',
				'2026-10-01'
			)
		])
	);
}
const inSeptember = (time: string) => time >= '2026-09-01' && time < '2026-10-01';
const countedComplaint = (c: ComplaintRow) => c.validity === 'valid' && inSeptember(c.received_at);
const countedWorkOrder = (w: WorkOrderRow) => inSeptember(w.reported_at);

describe('loadReturnVisitDashboard', () => {
	it('gives both kinds their period, 环比 and 同比 figures, as counted independently', async () => {
		const dashboard = await loadReturnVisitDashboard(september, { kind: 'all' });
		expect(dashboard.periods.period).toEqual({ start: '2026-09-01', end: '2026-10-01' });
		expect(dashboard.complaints.current).toEqual(expectComplaints(complaints, '2026-09-01', '2026-10-01'));
		expect(dashboard.complaints.previous).toEqual(expectComplaints(complaints, '2026-08-01', '2026-09-01'));
		expect(dashboard.complaints.lastYear).toEqual(expectComplaints(complaints, '2025-09-01', '2025-10-01'));
		expect(dashboard.repairs.current).toEqual(expectRepairs(workOrders, '2026-09-01', '2026-10-01'));
		expect(dashboard.repairs.previous).toEqual(expectRepairs(workOrders, '2026-08-01', '2026-09-01'));
		expect(dashboard.repairs.lastYear).toEqual(expectRepairs(workOrders, '2025-09-01', '2025-10-01'));
		for (const headline of [dashboard.complaints, dashboard.repairs]) {
			// The tile is the satisfaction rate: its value and comparisons are the figures above.
			expect(headline.tile.figure).toEqual(headline.current.satisfaction);
			expect(headline.tile.value).toBe(headline.current.satisfaction.rate);
			expect(headline.tile.previous).toBe(headline.previous.satisfaction.rate);
			expect(headline.tile.lastYear).toBe(headline.lastYear.satisfaction.rate);
			expect(headline.current.satisfaction.denominator).toBeGreaterThan(10);
		}
		expect(dashboard.complaints.tile.id).toBe('returnVisitSatisfaction');
		expect(dashboard.repairs.tile.id).toBe('repairReturnVisitSatisfaction');
	});

	it('counts a return visit exactly 2 days after resolution as on time, and one a second later as late', () => {
		const edges = complaints.filter((c) => c.id.startsWith('EDGE'));
		expect(expectComplaints(edges, '2026-09-01', '2026-10-01').visitOnTime).toEqual(rate(1, 2));
	});

	it('breaks complaints down by area and department, repairs by area and team, worst first', async () => {
		const dashboard = await loadReturnVisitDashboard(september, { kind: 'all' });
		const cases = [
			[
				dashboard.complaintsByArea,
				expectGroups(complaints, countedComplaint, (c) => c.area, expectComplaints)
			],
			[
				dashboard.complaintsByDepartment,
				expectGroups(complaints, countedComplaint, (c) => c.department, expectComplaints)
			],
			[dashboard.repairsByArea, expectGroups(workOrders, countedWorkOrder, (w) => w.area, expectRepairs)],
			[dashboard.repairsByTeam, expectGroups(workOrders, countedWorkOrder, (w) => w.team, expectRepairs)]
		] as const;
		for (const [groups, expected] of cases) {
			expect(groups.map((group) => group.key).sort()).toEqual([...expected.keys()].sort());
			for (const { key, ...figures } of groups) expect(figures, String(key)).toEqual(expected.get(key));
			const rates = groups.map((group) => group.satisfaction.rate ?? Infinity);
			expect(rates).toEqual([...rates].sort((a, b) => a - b));
		}
		expect(dashboard.complaintsByDepartment.some((group) => group.key === null)).toBe(true);
		expect(dashboard.repairsByTeam.some((group) => group.key === null)).toBe(true);
		// Areas split the period's records: their parts add up to the headline.
		for (const [groups, headline] of [
			[dashboard.complaintsByArea, dashboard.complaints],
			[dashboard.repairsByArea, dashboard.repairs]
		] as const) {
			const sum = (pick: (figures: ReturnVisitFigures) => number) =>
				groups.reduce((total, group) => total + pick(group), 0);
			expect(sum((g) => g.satisfaction.numerator)).toBe(headline.current.satisfaction.numerator);
			expect(sum((g) => g.satisfaction.denominator)).toBe(headline.current.satisfaction.denominator);
		}
	});

	it('gives each of the 12 months ending with the period its own figures, in order', async () => {
		const dashboard = await loadReturnVisitDashboard(september, { kind: 'all' });
		expect(dashboard.periods.months).toEqual(twelveMonths.map((month) => month.month));
		expect(dashboard.complaintsByMonth).toEqual(
			twelveMonths.map(({ month, start, end }) => ({
				key: month,
				...expectComplaints(complaints, start, end)
			}))
		);
		expect(dashboard.repairsByMonth).toEqual(
			twelveMonths.map(({ month, start, end }) => ({ key: month, ...expectRepairs(workOrders, start, end) }))
		);
		expect(dashboard.repairs.tile.sparkline.map((point) => point.value)).toEqual(
			dashboard.repairsByMonth.map((month) => month.satisfaction.rate)
		);
	});

	it('keeps to the caller’s scope and the page’s area filter', async () => {
		const inArea = <T extends { area: string }>(rows: T[]) => rows.filter((row) => row.area === areas[1]);
		for (const [filters, scope] of [
			[september, { kind: 'areas', areas: [areas[1]] }],
			[dashboardFiltersSchema.parse({ ...september, area: [areas[1]] }), { kind: 'all' }]
		] as const) {
			const dashboard = await loadReturnVisitDashboard(filters, scope);
			expect(dashboard.complaints.current).toEqual(
				expectComplaints(inArea(complaints), '2026-09-01', '2026-10-01')
			);
			expect(dashboard.repairs.current).toEqual(
				expectRepairs(inArea(workOrders), '2026-09-01', '2026-10-01')
			);
			expect(dashboard.repairsByArea.map((group) => group.key)).toEqual([areas[1]]);
		}
	});
});
