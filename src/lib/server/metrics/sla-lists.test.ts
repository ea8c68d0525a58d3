import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CourtyardDatabase } from '$pipelines/db/database.ts';
import { dashboardFiltersSchema, type DashboardFilters } from '$lib/filters/dashboard-filters.ts';
import type { AreaScope } from '../scope.ts';
import { defaultSlaSettings } from '../settings/sla-settings.ts';
import { computeComplaintTimeliness } from './complaint-timeliness.ts';
import {
	actionListLimit,
	listComplaintBreaches,
	listOverdueComplaints,
	listOverdueWorkOrders,
	listReturnVisitsDue,
	type SlaItem
} from './sla-lists.ts';
import {
	buildGenerated,
	complaintEdges,
	createSlaDatabase,
	edgeArea,
	hour,
	toMs,
	toText,
	workOrderEdges,
	type ComplaintRow,
	type WorkOrderRow
} from './sla-lists.test-helper.ts';

const toMinute = (ms: number) => toText(ms).slice(0, 16);
/** Hours from one moment to another, rounded half up to 0.1 h, from whole seconds. */
const hoursBetween = (from: number, to: number) => Math.round((to - from) / 1000 / 360) / 10;

const period = { start: '2026-10-01', end: '2026-11-01' };
const evaluatedAt = '2026-11-01 00:00:00';
const evaluated = toMs(evaluatedAt);
const sla = defaultSlaSettings;
const all: AreaScope = { kind: 'all' };
const edgeScope: AreaScope = { kind: 'areas', areas: [edgeArea] };
const parse = (raw: Record<string, unknown>): DashboardFilters => dashboardFiltersSchema.parse(raw);
const noFilters = parse({});

type Filter = (r: { area: string; category?: string; validity?: string }) => boolean;
const inScope = (scope: AreaScope) => (r: { area: string }) =>
	scope.kind === 'all' || scope.areas.includes(r.area);

/** SPEC §5: general, not transferred → end of the received day; transferred, major, urgent → 72 h. */
const complaintDeadline = (r: ComplaintRow) =>
	r.severity === 'general' && !r.transferred
		? toMs(r.received_at.slice(0, 10) + ' 00:00:00') + 24 * hour
		: toMs(r.received_at) + 72 * hour;
const repairTarget = (r: WorkOrderRow) =>
	toMs(r.reported_at) + { emergency: 24, urgent: 72, routine: 168 }[r.priority] * hour;
const inPeriod = (at: string) => at >= period.start && at < period.end;

function toList(items: SlaItem[]) {
	const sorted = items.sort(
		(a, b) => b.hours_late - a.hours_late || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
	);
	return { rows: sorted.slice(0, actionListLimit), total: sorted.length };
}

function complaintItem(r: ComplaintRow, finished: number | null, lateAt: number): SlaItem {
	return {
		id: r.id,
		area: r.area,
		building: r.building,
		unit: null,
		kind: r.category,
		owner: r.department,
		started_at: toMinute(toMs(r.received_at)),
		deadline: toMinute(complaintDeadline(r)),
		finished_at: finished === null ? null : toMinute(finished),
		hours_late: hoursBetween(complaintDeadline(r), lateAt)
	};
}

function expectedBreaches(rows: ComplaintRow[], keep: Filter) {
	const late = rows.filter(
		(r) =>
			keep(r) &&
			inPeriod(r.received_at) &&
			r.resolved_at !== null &&
			toMs(r.resolved_at) > complaintDeadline(r)
	);
	return toList(late.map((r) => complaintItem(r, toMs(r.resolved_at!), toMs(r.resolved_at!))));
}

const isOpen = (finished: string | null, status: string | null, done: string[]) =>
	finished === null && !done.includes(status ?? 'open');

function expectedOverdueComplaints(rows: ComplaintRow[], keep: Filter) {
	const overdue = rows.filter(
		(r) =>
			keep(r) &&
			toMs(r.received_at) < evaluated &&
			isOpen(r.resolved_at, r.status, ['resolved', 'closed', 'cancelled']) &&
			complaintDeadline(r) < evaluated
	);
	return toList(overdue.map((r) => complaintItem(r, null, evaluated)));
}

function expectedOverdueWorkOrders(rows: WorkOrderRow[], keep: Filter) {
	const overdue = rows.filter(
		(r) =>
			keep(r) &&
			toMs(r.reported_at) < evaluated &&
			isOpen(r.completed_at, r.status, ['completed', 'closed', 'cancelled']) &&
			repairTarget(r) < evaluated
	);
	return toList(
		overdue.map((r) => ({
			id: r.id,
			area: r.area,
			building: r.building,
			unit: null,
			kind: r.trade,
			owner: r.team,
			started_at: toMinute(toMs(r.reported_at)),
			deadline: toMinute(repairTarget(r)),
			finished_at: null,
			hours_late: hoursBetween(repairTarget(r), evaluated)
		}))
	);
}

function expectedReturnVisitsDue(complaintRows: ComplaintRow[], repairRows: WorkOrderRow[], keep: Filter) {
	const due = [
		...complaintRows
			.filter((r) => keep(r) && inPeriod(r.received_at) && r.return_visit_at === null)
			.map((r) => ({
				id: r.id,
				source: 'complaint' as const,
				area: r.area,
				building: r.building,
				at: r.resolved_at
			})),
		...repairRows
			.filter((r) => keep(r) && inPeriod(r.reported_at) && r.return_visit_at === null)
			.map((r) => ({
				id: r.id,
				source: 'repair' as const,
				area: r.area,
				building: r.building,
				at: r.completed_at
			}))
	]
		.filter((d) => d.at !== null && toMs(d.at) < evaluated)
		.map((d) => {
			const finished = toMs(d.at!);
			const dueAt = finished + sla.returnVisitDays * 24 * hour;
			return {
				finished,
				item: {
					id: d.id,
					source: d.source,
					area: d.area,
					building: d.building,
					unit: null,
					finished_at: toMinute(finished),
					due_at: toMinute(dueAt),
					overdue: dueAt < evaluated
				}
			};
		})
		.sort(
			(a, b) =>
				Number(b.item.overdue) - Number(a.item.overdue) ||
				a.finished - b.finished ||
				(a.item.id < b.item.id ? -1 : 1)
		)
		.map((d) => d.item);
	return {
		rows: due.slice(0, actionListLimit),
		total: due.length,
		overdue: due.filter((d) => d.overdue).length
	};
}

const generated = buildGenerated();
const complaintRows = [...complaintEdges, ...generated.complaints];
const workOrderRows = [...workOrderEdges, ...generated.workOrders];
const valid: Filter = (r) => r.validity === undefined || r.validity === 'valid';
const validIn =
	(scope: AreaScope): Filter =>
	(r) =>
		valid(r) && inScope(scope)(r);

let db: CourtyardDatabase;
beforeAll(async () => {
	db = await createSlaDatabase(complaintRows, workOrderRows);
});
afterAll(() => db.close());

const ids = (list: { rows: { id: string }[] }) => list.rows.map((r) => r.id);

describe('listComplaintBreaches', () => {
	it('lists every late resolution of the period, most hours late first, capped at the list limit', async () => {
		const list = await listComplaintBreaches(db.writer, noFilters, all, period, evaluatedAt, sla);
		const expected = expectedBreaches(complaintRows, validIn(all));
		expect(expected.total).toBeGreaterThan(actionListLimit);
		expect(list.total).toBe(expected.total);
		expect(list.rows).toHaveLength(actionListLimit);
		expect(list).toEqual(expected);
	});

	it('draws the deadline to the second, by rule, and leaves out invalid and out-of-period complaints', async () => {
		const list = await listComplaintBreaches(db.writer, noFilters, edgeScope, period, evaluatedAt, sla);
		expect(list).toEqual(expectedBreaches(complaintRows, validIn(edgeScope)));
		expect(ids(list).sort()).toEqual(['CB11', 'CB3', 'CB5', 'CB6']);
		const byId = Object.fromEntries(list.rows.map((r) => [r.id, r]));
		expect(byId.CB3).toMatchObject({
			deadline: '2026-10-06 00:00',
			finished_at: '2026-10-06 00:00',
			hours_late: 0
		});
		expect(byId.CB11).toMatchObject({ deadline: '2026-11-01 00:00', hours_late: 36 });
		const withInvalid = await listComplaintBreaches(
			db.writer,
			parse({ validity: 'all' }),
			edgeScope,
			period,
			evaluatedAt,
			sla
		);
		expect(ids(withInvalid)).toContain('CB8');
		expect(withInvalid.total).toBe(list.total + 1);
	});

	it('holds exactly the resolved-late complaints the resolved-on-time figure counts', async () => {
		const list = await listComplaintBreaches(db.writer, noFilters, all, period, evaluatedAt, sla);
		const { resolvedOnTime } = await computeComplaintTimeliness(
			db.writer,
			noFilters,
			all,
			period,
			evaluatedAt,
			sla
		);
		const openLate = complaintRows.filter(
			(r) => valid(r) && inPeriod(r.received_at) && r.resolved_at === null && complaintDeadline(r) < evaluated
		).length;
		expect(list.total).toBe(resolvedOnTime.denominator - resolvedOnTime.numerator - openLate);
	});

	it('honours the area scope and the category filter', async () => {
		const scope: AreaScope = { kind: 'areas', areas: ['碧水湾'] };
		const lifts = parse({ category: ['lifts'] });
		const list = await listComplaintBreaches(db.writer, lifts, scope, period, evaluatedAt, sla);
		expect(list).toEqual(expectedBreaches(complaintRows, (r) => validIn(scope)(r) && r.category === 'lifts'));
		expect(list.rows.every((r) => r.area === '碧水湾' && r.kind === 'lifts')).toBe(true);
	});
});

describe('listOverdueComplaints', () => {
	it('lists open complaints past their deadline at the as-of moment, whenever received', async () => {
		const list = await listOverdueComplaints(db.writer, noFilters, all, evaluatedAt, sla);
		const expected = expectedOverdueComplaints(complaintRows, validIn(all));
		expect(list).toEqual(expected);
		expect(list.rows.some((r) => r.started_at < period.start)).toBe(true);
	});

	it('is overdue one second after the deadline, not on it, and not once resolved, closed or cancelled', async () => {
		const list = await listOverdueComplaints(db.writer, noFilters, edgeScope, evaluatedAt, sla);
		expect(list).toEqual(expectedOverdueComplaints(complaintRows, validIn(edgeScope)));
		expect(ids(list).sort()).toEqual(['OC2', 'OC4', 'OC5']);
		const byId = Object.fromEntries(list.rows.map((r) => [r.id, r]));
		expect(byId.OC2).toMatchObject({ deadline: '2026-10-31 00:00', finished_at: null, hours_late: 24 });
		expect(byId.OC4).toMatchObject({ deadline: '2026-10-31 23:59', hours_late: 0 });
	});

	it('applies the area and category filters but not the period', async () => {
		const filters = parse({ area: ['翠湖花园'], category: ['cleaning', 'parking'] });
		const list = await listOverdueComplaints(db.writer, filters, all, evaluatedAt, sla);
		const keep: Filter = (r) =>
			valid(r) && r.area === '翠湖花园' && ['cleaning', 'parking'].includes(r.category!);
		expect(list).toEqual(expectedOverdueComplaints(complaintRows, keep));
		expect(list.total).toBeGreaterThan(0);
	});
});

describe('listOverdueWorkOrders', () => {
	it('lists open work orders past their priority target at the as-of moment', async () => {
		const list = await listOverdueWorkOrders(db.writer, noFilters, all, evaluatedAt, sla);
		expect(list).toEqual(expectedOverdueWorkOrders(workOrderRows, inScope(all)));
	});

	it('judges each priority to the second and leaves out completed, closed and cancelled orders', async () => {
		const list = await listOverdueWorkOrders(db.writer, noFilters, edgeScope, evaluatedAt, sla);
		expect(list).toEqual(expectedOverdueWorkOrders(workOrderRows, inScope(edgeScope)));
		expect(ids(list).sort()).toEqual(['W11', 'W2', 'W4', 'W6']);
		const byId = Object.fromEntries(list.rows.map((r) => [r.id, r]));
		expect(byId.W2).toMatchObject({
			kind: 'plumbing',
			owner: '维修一组',
			deadline: '2026-10-31 23:59',
			hours_late: 0
		});
		expect(byId.W11.hours_late).toBe(hoursBetween(toMs('2026-03-08 09:00:00'), evaluated));
	});

	it('honours the area filter', async () => {
		const list = await listOverdueWorkOrders(db.writer, parse({ area: ['碧水湾'] }), all, evaluatedAt, sla);
		expect(list).toEqual(expectedOverdueWorkOrders(workOrderRows, (r) => r.area === '碧水湾'));
		expect(list.total).toBeGreaterThan(0);
	});
});

describe('listReturnVisitsDue', () => {
	it('lists finished complaints and repairs of the period without a return visit, overdue and oldest first', async () => {
		const list = await listReturnVisitsDue(db.writer, noFilters, all, period, evaluatedAt, sla);
		const expected = expectedReturnVisitsDue(complaintRows, workOrderRows, validIn(all));
		expect(expected.overdue).toBeGreaterThan(0);
		expect(expected.total).toBeGreaterThan(expected.overdue);
		expect(list).toEqual(expected);
	});

	it('is overdue one second past the window, due on it, and leaves out what finished at the as-of moment', async () => {
		const list = await listReturnVisitsDue(db.writer, noFilters, edgeScope, period, evaluatedAt, sla);
		expect(list).toEqual(expectedReturnVisitsDue(complaintRows, workOrderRows, validIn(edgeScope)));
		const byId = Object.fromEntries(list.rows.map((r) => [r.id, r]));
		expect(byId.RC1).toMatchObject({ source: 'complaint', due_at: '2026-10-31 23:59', overdue: true });
		expect(byId.RC2).toMatchObject({ due_at: '2026-11-01 00:00', overdue: false });
		expect(byId.RW1).toMatchObject({ source: 'repair', overdue: true });
		for (const absent of ['RC3', 'RC4', 'RW2', 'CB8', 'CB9', 'CB10', 'CB11'])
			expect(byId[absent], absent).toBeUndefined();
		const firstDue = list.rows.findIndex((r) => !r.overdue);
		expect(list.rows.slice(firstDue).every((r) => !r.overdue)).toBe(true);
		expect(list.overdue).toBe(firstDue);
	});

	it('honours the area scope', async () => {
		const scope: AreaScope = { kind: 'areas', areas: ['翠湖花园'] };
		const list = await listReturnVisitsDue(db.writer, noFilters, scope, period, evaluatedAt, sla);
		expect(list).toEqual(expectedReturnVisitsDue(complaintRows, workOrderRows, validIn(scope)));
	});
});
