import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type CourtyardDatabase } from '$pipelines/db/database.ts';
import { dashboardFiltersSchema, type DashboardFilters } from '$lib/filters/dashboard-filters.ts';
import { defaultSlaSettings } from '../settings/sla-settings.ts';
import {
	computeComplaintTimeliness,
	computeComplaintTimelinessBy,
	computeComplaintTimelinessOver
} from './complaint-timeliness.ts';

interface ComplaintRow {
	id: string;
	received_at: string;
	area: string;
	department: string;
	category: string;
	severity: 'general' | 'major' | 'urgent';
	validity: 'valid' | 'invalid';
	transferred: boolean;
	first_response_at: string | null;
	resolved_at: string | null;
	return_visit_at: string | null;
	return_visit_result: string | null;
	status: string | null;
}

const hour = 3_600_000;
const toMs = (text: string) => Date.parse(text.replace(' ', 'T') + 'Z');
const toText = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

/** The SPEC §5 rules written out plainly in TypeScript, to check the SQL against. */
function computeExpected(rows: ComplaintRow[], period: { start: string; end: string }, evaluatedAt: string) {
	const evaluated = toMs(evaluatedAt);
	const chosen = rows.filter(
		(r) => r.validity === 'valid' && r.received_at >= period.start && r.received_at < period.end
	);
	const count = (predicate: (r: ComplaintRow) => boolean) => chosen.filter(predicate).length;
	const received = (r: ComplaintRow) => toMs(r.received_at);
	const deadline = (r: ComplaintRow) =>
		r.severity === 'general' && !r.transferred
			? toMs(r.received_at.slice(0, 10) + ' 00:00:00') + 24 * hour
			: received(r) + 72 * hour;
	const rate = (numerator: number, denominator: number) => ({
		numerator,
		denominator,
		rate: denominator > 0 ? numerator / denominator : null
	});
	return {
		received: chosen.length,
		closureRate: rate(
			count((r) => r.resolved_at !== null || r.status === 'resolved' || r.status === 'closed'),
			chosen.length
		),
		responseOnTime: rate(
			count((r) => r.first_response_at !== null && toMs(r.first_response_at) - received(r) <= 24 * hour),
			count((r) => r.first_response_at !== null || received(r) + 24 * hour < evaluated)
		),
		resolvedOnTime: rate(
			count((r) => r.resolved_at !== null && toMs(r.resolved_at) <= deadline(r)),
			count((r) => r.resolved_at !== null || deadline(r) < evaluated)
		),
		returnVisitRate: rate(
			count((r) => r.resolved_at !== null && r.return_visit_at !== null),
			count((r) => r.resolved_at !== null)
		),
		returnVisitOnTime: rate(
			count(
				(r) =>
					r.resolved_at !== null &&
					r.return_visit_at !== null &&
					toMs(r.return_visit_at) - toMs(r.resolved_at) <= 48 * hour
			),
			count((r) => r.resolved_at !== null)
		),
		returnVisitSatisfaction: rate(
			count((r) =>
				['very_satisfied', 'satisfied', 'basically_satisfied'].includes(r.return_visit_result ?? '')
			),
			count((r) => r.return_visit_result !== null && r.return_visit_result !== 'unreachable')
		)
	};
}

function createRandom(seed: number) {
	let state = seed;
	return () => {
		state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
		return state / 2_147_483_648;
	};
}

function buildRows(): ComplaintRow[] {
	const base = (overrides: Partial<ComplaintRow> & { id: string; received_at: string }): ComplaintRow => ({
		area: '翠湖花园',
		department: '客服部',
		category: 'lifts',
		severity: 'general',
		validity: 'valid',
		transferred: false,
		first_response_at: null,
		resolved_at: null,
		return_visit_at: null,
		return_visit_result: null,
		status: null,
		...overrides
	});
	const edges = [
		// same calendar day: 23:59 received, resolved two minutes later on the next day → late
		base({ id: 'E1', received_at: '2026-10-05 23:59:00', resolved_at: '2026-10-06 00:01:00' }),
		base({ id: 'E2', received_at: '2026-10-05 08:00:00', resolved_at: '2026-10-05 23:59:59' }),
		// transferred: the 72 h rule, exactly on the edge and one second past it
		base({
			id: 'E3',
			received_at: '2026-10-06 10:00:00',
			transferred: true,
			resolved_at: '2026-10-09 10:00:00'
		}),
		base({
			id: 'E4',
			received_at: '2026-10-06 10:00:00',
			transferred: true,
			resolved_at: '2026-10-09 10:00:01'
		}),
		base({
			id: 'E5',
			received_at: '2026-10-07 10:00:00',
			severity: 'urgent',
			resolved_at: '2026-10-10 09:00:00'
		}),
		// open: past its deadline counts late; not yet due is left out
		base({ id: 'E6', received_at: '2026-10-08 09:00:00' }),
		base({ id: 'E7', received_at: '2026-10-31 20:00:00', severity: 'major' }),
		// response exactly 24 h, and a second over
		base({ id: 'E8', received_at: '2026-10-09 09:00:00', first_response_at: '2026-10-10 09:00:00' }),
		base({ id: 'E9', received_at: '2026-10-09 09:00:00', first_response_at: '2026-10-10 09:00:01' }),
		// return visit exactly 2 days after resolution, and a second over
		base({
			id: 'E10',
			received_at: '2026-10-11 09:00:00',
			resolved_at: '2026-10-11 10:00:00',
			return_visit_at: '2026-10-13 10:00:00'
		}),
		base({
			id: 'E11',
			received_at: '2026-10-11 09:00:00',
			resolved_at: '2026-10-11 10:00:00',
			return_visit_at: '2026-10-13 10:00:01'
		}),
		// invalid and out-of-period complaints are not counted
		base({ id: 'E12', received_at: '2026-10-12 09:00:00', validity: 'invalid' }),
		base({ id: 'E13', received_at: '2026-09-30 23:59:59' }),
		base({ id: 'E14', received_at: '2026-11-01 00:00:00' })
	];
	const random = createRandom(7);
	const severities = ['general', 'general', 'general', 'major', 'urgent'] as const;
	const generated = Array.from({ length: 400 }, (_, i) => {
		const received =
			toMs('2026-09-25 00:00:00') +
			Math.floor(random() * 40 * 24) * hour +
			Math.floor(random() * 60) * 60_000;
		const maybe = (chance: number, from: number, maxHours: number) =>
			random() < chance ? toText(from + Math.floor(random() * maxHours * 60) * 60_000) : null;
		const resolved = maybe(0.85, received, 100);
		const visit = resolved ? maybe(0.8, toMs(resolved), 72) : null;
		const results = ['very_satisfied', 'satisfied', 'basically_satisfied', 'dissatisfied', 'unreachable'];
		return base({
			id: `R${i}`,
			received_at: toText(received),
			category: random() < 0.5 ? 'lifts' : 'cleaning',
			department: ['客服部', '工程部', '秩序部'][Math.floor(random() * 3)],
			severity: severities[Math.floor(random() * severities.length)],
			validity: random() < 0.9 ? 'valid' : 'invalid',
			transferred: random() < 0.25,
			first_response_at: maybe(0.8, received, 30),
			resolved_at: resolved,
			return_visit_at: visit,
			return_visit_result: visit ? results[Math.floor(random() * results.length)] : null,
			status: resolved ? 'resolved' : random() < 0.3 ? 'closed' : 'open'
		});
	});
	return [...edges, ...generated];
}

let db: CourtyardDatabase;
const rows = buildRows();

beforeAll(async () => {
	db = await openDatabase(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'courtyard-metric-')), 'm.duckdb'));
	for (const r of rows) {
		await db.writer.run(
			`INSERT INTO complaints (id, batch_id, received_at, area, department, category, severity, validity, transferred,
				first_response_at, resolved_at, return_visit_at, return_visit_result, status)
				VALUES ($id, 1, $received::TIMESTAMP, $area, $department, $category, $severity, $validity, $transferred,
				$first::TIMESTAMP, $resolved::TIMESTAMP, $visit::TIMESTAMP, $result, $status)`,
			{
				id: r.id,
				received: r.received_at,
				area: r.area,
				department: r.department,
				category: r.category,
				severity: r.severity,
				validity: r.validity,
				transferred: r.transferred,
				first: r.first_response_at,
				resolved: r.resolved_at,
				visit: r.return_visit_at,
				result: r.return_visit_result,
				status: r.status
			}
		);
	}
});
afterAll(() => db.close());

const period = { start: '2026-10-01', end: '2026-11-01' };
const evaluatedAt = '2026-11-01 00:00:00';
const allFilters: DashboardFilters = dashboardFiltersSchema.parse({});

describe('computeComplaintTimeliness', () => {
	it('matches the SPEC rules computed independently, edges included', async () => {
		const figures = await computeComplaintTimeliness(
			db.writer,
			allFilters,
			{ kind: 'all' },
			period,
			evaluatedAt,
			defaultSlaSettings
		);
		expect(figures).toEqual(computeExpected(rows, period, evaluatedAt));
	});

	it('applies the edge cases as the SPEC says', async () => {
		const edgeIds = ['E1', 'E2', 'E3', 'E4', 'E5', 'E6', 'E7'];
		const edges = rows.filter((r) => edgeIds.includes(r.id));
		const expected = computeExpected(edges, period, evaluatedAt);
		// E2, E3, E5 on time; E1, E4 late; E6 open past its deadline; E7 not yet due
		expect(expected.resolvedOnTime).toEqual({ numerator: 3, denominator: 6, rate: 0.5 });
	});

	it('honours the scope and the filters', async () => {
		const lifts = dashboardFiltersSchema.parse({ category: ['lifts'] });
		const figures = await computeComplaintTimeliness(
			db.writer,
			lifts,
			{ kind: 'all' },
			period,
			evaluatedAt,
			defaultSlaSettings
		);
		expect(figures).toEqual(
			computeExpected(
				rows.filter((r) => r.category === 'lifts'),
				period,
				evaluatedAt
			)
		);
		const outOfScope = await computeComplaintTimeliness(
			db.writer,
			allFilters,
			{ kind: 'areas', areas: ['锦绣江南'] },
			period,
			evaluatedAt,
			defaultSlaSettings
		);
		expect(outOfScope.resolvedOnTime).toEqual({ numerator: 0, denominator: 0, rate: null });
	});

	it('breaks the figures down by department, worst first, each matching the independent computation', async () => {
		const byDepartment = await computeComplaintTimelinessBy(
			db.writer,
			allFilters,
			{ kind: 'all' },
			period,
			evaluatedAt,
			defaultSlaSettings,
			'department'
		);
		expect(byDepartment.map((d) => d.key).sort()).toEqual(['客服部', '工程部', '秩序部'].sort());
		for (const department of byDepartment) {
			const { key, ...figures } = department;
			expect(figures, key!).toEqual(
				computeExpected(
					rows.filter((r) => r.department === key),
					period,
					evaluatedAt
				)
			);
		}
		const rates = byDepartment.map((d) => d.resolvedOnTime.rate!);
		expect(rates).toEqual([...rates].sort((a, b) => a - b));
	});

	it('gives one figure per month of received, in month order, each as if that month were the period', async () => {
		const twoMonths = { start: '2026-09-01', end: '2026-11-01' };
		const byMonth = await computeComplaintTimelinessBy(
			db.writer,
			allFilters,
			{ kind: 'all' },
			twoMonths,
			evaluatedAt,
			defaultSlaSettings,
			'month'
		);
		expect(byMonth.map((m) => m.key)).toEqual(['2026-09', '2026-10']);
		const months = { '2026-09': { start: '2026-09-01', end: '2026-10-01' }, '2026-10': period };
		for (const { key, ...figures } of byMonth) {
			expect(figures, key!).toEqual(computeExpected(rows, months[key as keyof typeof months], evaluatedAt));
		}
	});

	it('computes several periods in one pass, overlapping ones and an empty one included', async () => {
		const periods = [
			period,
			{ start: '2026-09-20', end: '2026-10-10' },
			{ start: '2026-10-05', end: '2026-10-06' },
			{ start: '2020-01-01', end: '2020-02-01' }
		];
		const figures = await computeComplaintTimelinessOver(
			db.writer,
			allFilters,
			{ kind: 'all' },
			periods,
			evaluatedAt,
			defaultSlaSettings
		);
		expect(figures).toEqual(periods.map((range) => computeExpected(rows, range, evaluatedAt)));
	});
});
