import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, runInTransaction, type CourtyardDatabase } from '$pipelines/db/database.ts';

/** Complaints and work orders for the SLA-list tests: edge cases in one area, and a seeded random register. */

export interface ComplaintRow {
	id: string;
	received_at: string;
	area: string;
	building: string | null;
	category: string;
	department: string | null;
	severity: 'general' | 'major' | 'urgent';
	validity: 'valid' | 'invalid';
	transferred: boolean;
	resolved_at: string | null;
	return_visit_at: string | null;
	status: string | null;
}

export interface WorkOrderRow {
	id: string;
	reported_at: string;
	area: string;
	building: string | null;
	trade: string;
	team: string | null;
	priority: 'emergency' | 'urgent' | 'routine';
	completed_at: string | null;
	return_visit_at: string | null;
	status: string | null;
}

export const hour = 3_600_000;
export const toMs = (text: string) => Date.parse(text.replace(' ', 'T') + 'Z');
export const toText = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
export const edgeArea = '锦绣江南';

function createRandom(seed: number) {
	let state = seed;
	return () => {
		state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
		return state / 2_147_483_648;
	};
}

const complaint = (o: Partial<ComplaintRow> & { id: string; received_at: string }): ComplaintRow => ({
	area: edgeArea,
	building: '1栋',
	category: 'lifts',
	department: '客服部',
	severity: 'general',
	validity: 'valid',
	transferred: false,
	resolved_at: null,
	return_visit_at: null,
	status: null,
	...o
});
const workOrder = (o: Partial<WorkOrderRow> & { id: string; reported_at: string }): WorkOrderRow => ({
	area: edgeArea,
	building: '2栋',
	trade: 'plumbing',
	team: '维修一组',
	priority: 'routine',
	completed_at: null,
	return_visit_at: null,
	status: null,
	...o
});

/** Edge cases, all in one area so a scoped query shows exactly them. */
export const complaintEdges: ComplaintRow[] = [
	// same-day rule: on the last second of the day, exactly at midnight, one second after
	complaint({ id: 'CB1', received_at: '2026-10-05 08:00:00', resolved_at: '2026-10-05 23:59:59' }),
	complaint({ id: 'CB2', received_at: '2026-10-05 08:00:00', resolved_at: '2026-10-06 00:00:00' }),
	complaint({ id: 'CB3', received_at: '2026-10-05 08:00:00', resolved_at: '2026-10-06 00:00:01' }),
	// 72 h rule: transferred, major and urgent, exactly on it and one second either side
	complaint({
		id: 'CB4',
		received_at: '2026-10-06 10:00:00',
		transferred: true,
		resolved_at: '2026-10-09 10:00:00'
	}),
	complaint({
		id: 'CB5',
		received_at: '2026-10-06 10:00:00',
		transferred: true,
		resolved_at: '2026-10-09 10:00:01'
	}),
	complaint({
		id: 'CB6',
		received_at: '2026-10-07 10:00:00',
		severity: 'major',
		resolved_at: '2026-10-10 10:00:01'
	}),
	complaint({
		id: 'CB7',
		received_at: '2026-10-07 10:00:00',
		severity: 'urgent',
		resolved_at: '2026-10-10 09:59:59'
	}),
	// invalid, and received one second either side of the period
	complaint({
		id: 'CB8',
		received_at: '2026-10-08 10:00:00',
		validity: 'invalid',
		resolved_at: '2026-10-12 10:00:00'
	}),
	complaint({ id: 'CB9', received_at: '2026-09-30 23:59:59', resolved_at: '2026-10-03 10:00:00' }),
	complaint({ id: 'CB10', received_at: '2026-11-01 00:00:00', resolved_at: '2026-11-03 10:00:00' }),
	// received in the period, resolved late after the as-of day: still a breach of the period
	complaint({ id: 'CB11', received_at: '2026-10-31 10:00:00', resolved_at: '2026-11-02 12:00:00' }),
	// open: deadline exactly at the as-of moment is not overdue yet, one second earlier is
	complaint({ id: 'OC1', received_at: '2026-10-31 09:00:00' }),
	complaint({ id: 'OC2', received_at: '2026-10-30 23:59:59' }),
	complaint({ id: 'OC3', received_at: '2026-10-29 00:00:00', severity: 'urgent' }),
	complaint({ id: 'OC4', received_at: '2026-10-28 23:59:59', severity: 'urgent', status: 'open' }),
	complaint({ id: 'OC5', received_at: '2026-05-01 09:00:00', status: 'in_progress' }),
	complaint({ id: 'OC6', received_at: '2026-05-01 09:00:00', status: 'closed' }),
	complaint({ id: 'OC7', received_at: '2026-05-01 09:00:00', status: 'cancelled' }),
	complaint({ id: 'OC8', received_at: '2026-05-01 09:00:00', status: 'resolved' }),
	complaint({ id: 'OC9', received_at: '2026-05-01 09:00:00', validity: 'invalid' }),
	// return visits: window passed one second ago, closing exactly now, finished exactly at the as-of moment
	complaint({ id: 'RC1', received_at: '2026-10-29 09:00:00', resolved_at: '2026-10-29 23:59:59' }),
	complaint({ id: 'RC2', received_at: '2026-10-29 09:00:00', resolved_at: '2026-10-30 00:00:00' }),
	complaint({ id: 'RC3', received_at: '2026-10-31 22:00:00', resolved_at: '2026-11-01 00:00:00' }),
	complaint({
		id: 'RC4',
		received_at: '2026-10-20 09:00:00',
		resolved_at: '2026-10-20 10:00:00',
		return_visit_at: '2026-10-21 10:00:00'
	})
];
export const workOrderEdges: WorkOrderRow[] = [
	workOrder({ id: 'W1', reported_at: '2026-10-31 00:00:00', priority: 'emergency' }),
	workOrder({ id: 'W2', reported_at: '2026-10-30 23:59:59', priority: 'emergency' }),
	workOrder({ id: 'W3', reported_at: '2026-10-29 00:00:00', priority: 'urgent' }),
	workOrder({ id: 'W4', reported_at: '2026-10-28 23:59:59', priority: 'urgent', status: 'dispatched' }),
	workOrder({ id: 'W5', reported_at: '2026-10-25 00:00:00' }),
	workOrder({ id: 'W6', reported_at: '2026-10-24 23:59:59', status: 'open' }),
	workOrder({ id: 'W7', reported_at: '2026-03-01 09:00:00', status: 'completed' }),
	workOrder({ id: 'W8', reported_at: '2026-03-01 09:00:00', status: 'cancelled' }),
	workOrder({ id: 'W9', reported_at: '2026-03-01 09:00:00', status: 'closed' }),
	workOrder({ id: 'W10', reported_at: '2026-03-01 09:00:00', completed_at: '2026-03-20 09:00:00' }),
	workOrder({ id: 'W11', reported_at: '2026-03-01 09:00:00', status: 'in_progress' }),
	workOrder({
		id: 'RW1',
		reported_at: '2026-10-29 08:00:00',
		completed_at: '2026-10-29 23:59:59',
		status: 'completed'
	}),
	workOrder({ id: 'RW2', reported_at: '2026-09-30 23:59:59', completed_at: '2026-10-02 09:00:00' })
];

export function buildGenerated() {
	const random = createRandom(17);
	const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
	const start = toMs('2026-08-20 00:00:00');
	const span = 75 * 24 * 3600;
	const later = (from: number, maxHours: number) =>
		toText(from + Math.floor(random() * maxHours * 3600) * 1000);
	const complaints = Array.from({ length: 1100 }, (_, i) => {
		const received = start + Math.floor(random() * span) * 1000;
		const resolved = random() < 0.8 ? later(received, 110) : null;
		return complaint({
			id: `C${i}`,
			received_at: toText(received),
			area: pick(['翠湖花园', '碧水湾']),
			building: pick(['1栋', '2栋', null]),
			category: pick(['lifts', 'cleaning', 'parking']),
			department: pick(['客服部', '工程部', null]),
			severity: pick(['general', 'general', 'general', 'major', 'urgent'] as const),
			validity: random() < 0.9 ? 'valid' : 'invalid',
			transferred: random() < 0.25,
			resolved_at: resolved,
			return_visit_at: resolved && random() < 0.7 ? later(toMs(resolved), 72) : null,
			status: resolved
				? pick(['resolved', 'closed'])
				: pick([null, 'open', 'in_progress', 'closed', 'cancelled'])
		});
	});
	const workOrders = Array.from({ length: 500 }, (_, i) => {
		const reported = start + Math.floor(random() * span) * 1000;
		const completed = random() < 0.7 ? later(reported, 240) : null;
		return workOrder({
			id: `O${i}`,
			reported_at: toText(reported),
			area: pick(['翠湖花园', '碧水湾']),
			building: pick(['1栋', '3栋', null]),
			trade: pick(['plumbing', 'electrical', 'lifts']),
			team: pick(['维修一组', '维修二组', null]),
			priority: pick(['emergency', 'urgent', 'routine', 'routine'] as const),
			completed_at: completed,
			return_visit_at: completed && random() < 0.6 ? later(toMs(completed), 72) : null,
			status: completed
				? pick(['completed', 'closed'])
				: pick([null, 'open', 'dispatched', 'in_progress', 'completed', 'cancelled'])
		});
	});
	return { complaints, workOrders };
}

/** A real database in a temp directory holding exactly these rows (one transaction: quick). */
export async function createSlaDatabase(
	complaints: ComplaintRow[],
	workOrders: WorkOrderRow[]
): Promise<CourtyardDatabase> {
	const db = await openDatabase(
		path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'courtyard-sla-')), 's.duckdb')
	);
	await runInTransaction(db.writer, async () => {
		for (const r of complaints) {
			await db.writer.run(
				`INSERT INTO complaints (id, batch_id, received_at, area, building, category, department, severity, validity,
					transferred, resolved_at, return_visit_at, status)
					VALUES ($id, 1, $received::TIMESTAMP, $area, $building, $category, $department, $severity, $validity,
					$transferred, $resolved::TIMESTAMP, $visit::TIMESTAMP, $status)`,
				{
					id: r.id,
					received: r.received_at,
					area: r.area,
					building: r.building,
					category: r.category,
					department: r.department,
					severity: r.severity,
					validity: r.validity,
					transferred: r.transferred,
					resolved: r.resolved_at,
					visit: r.return_visit_at,
					status: r.status
				}
			);
		}
		for (const r of workOrders) {
			await db.writer.run(
				`INSERT INTO work_orders (id, batch_id, reported_at, area, building, trade, team, priority, completed_at,
					return_visit_at, status)
					VALUES ($id, 1, $reported::TIMESTAMP, $area, $building, $trade, $team, $priority, $completed::TIMESTAMP,
					$visit::TIMESTAMP, $status)`,
				{
					id: r.id,
					reported: r.reported_at,
					area: r.area,
					building: r.building,
					trade: r.trade,
					team: r.team,
					priority: r.priority,
					completed: r.completed_at,
					visit: r.return_visit_at,
					status: r.status
				}
			);
		}
	});
	return db;
}
