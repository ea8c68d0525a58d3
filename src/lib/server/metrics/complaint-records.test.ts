import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, runInTransaction, type CourtyardDatabase } from '$pipelines/db/database.ts';
import { dashboardFiltersSchema, type DashboardFilters } from '$lib/filters/dashboard-filters.ts';
import type { AreaScope } from '../scope.ts';
import { computeComplaintHotspots } from './complaint-hotspots.ts';
import { listComplaintRecords, recordPageSize } from './complaint-records.ts';

interface ComplaintRow {
	id: string;
	received_at: string;
	area: string;
	building: string | null;
	unit: string | null;
	category: string;
	severity: string;
	channel: string | null;
	department: string | null;
	status: string | null;
	validity: 'valid' | 'invalid';
	first_response_at: string | null;
	resolved_at: string | null;
	resident_name: string | null;
	resident_phone: string | null;
}

const sortableKeys = [
	'id',
	'received_at',
	'area',
	'building',
	'unit',
	'category',
	'severity',
	'channel',
	'department',
	'status',
	'resolved_at'
] as const;
type SortKey = (typeof sortableKeys)[number];

const period = { start: '2026-10-01', end: '2026-11-01' };
const comparison = { start: '2026-09-01', end: '2026-10-01' };
const all: AreaScope = { kind: 'all' };
const parse = (raw: Record<string, unknown>): DashboardFilters => dashboardFiltersSchema.parse(raw);
const toText = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
/** Plain code-point order, as DuckDB compares VARCHAR and timestamp text. */
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const fixedRows: ComplaintRow[] = [
	{
		id: 'K-LEE',
		received_at: '2026-10-10 09:30:45',
		area: '翠湖花园',
		building: '3栋',
		unit: '3-1201',
		category: 'lifts',
		severity: 'major',
		channel: 'phone',
		department: '工程部',
		status: 'resolved',
		validity: 'valid',
		first_response_at: '2026-10-10 10:00:00',
		resolved_at: '2026-10-11 16:20:59',
		resident_name: '李小龙',
		resident_phone: '13800138000'
	}
];

function buildRows(): ComplaintRow[] {
	let state = 5;
	const random = () => ((state = (state * 1_103_515_245 + 12_345) % 2_147_483_648), state / 2_147_483_648);
	const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
	const start = Date.parse('2026-09-01T00:00:00Z');
	const generated = Array.from({ length: 260 }, (_, i): ComplaintRow => {
		// few distinct moments, so many rows tie on the sort key and the id decides
		const received = start + Math.floor(random() * 70) * 86_400_000 + pick([9, 10, 14]) * 3_600_000;
		const resolved = random() < 0.7 ? toText(received + pick([2, 5, 30, 50]) * 3_600_000) : null;
		return {
			id: `K${String(1000 - i).padStart(4, '0')}`,
			received_at: toText(received),
			area: pick(['翠湖花园', '碧水湾', '锦绣江南']),
			building: pick(['1栋', '2栋', 'B座', null]),
			unit: pick(['101', '1-0502', '2-1101', null]),
			category: pick(['lifts', 'cleaning', 'parking']),
			severity: pick(['general', 'general', 'major', 'urgent']),
			channel: pick(['phone', 'visit', 'online', null]),
			department: pick(['客服部', '工程部', 'Security', null]),
			status: resolved ? pick(['resolved', 'closed']) : pick(['open', 'in_progress', null]),
			validity: random() < 0.85 ? 'valid' : 'invalid',
			first_response_at: random() < 0.8 ? toText(received + 3_600_000) : null,
			resolved_at: resolved,
			resident_name: pick(['张三', '欧阳明华', '王五', null]),
			resident_phone: pick(['13912345678', '13700001111', null])
		};
	});
	return [...fixedRows, ...generated];
}

const rows = buildRows();
let db: CourtyardDatabase;

beforeAll(async () => {
	db = await openDatabase(
		path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'courtyard-records-')), 'r.duckdb')
	);
	await runInTransaction(db.writer, async () => {
		for (const r of rows) {
			await db.writer.run(
				`INSERT INTO complaints (id, batch_id, received_at, area, building, unit, category, severity, channel,
					department, status, validity, transferred, first_response_at, resolved_at, resident_name, resident_phone)
					VALUES ($id, 1, $received::TIMESTAMP, $area, $building, $unit, $category, $severity, $channel,
					$department, $status, $validity, false, $first::TIMESTAMP, $resolved::TIMESTAMP, $name, $phone)`,
				{
					id: r.id,
					received: r.received_at,
					area: r.area,
					building: r.building,
					unit: r.unit,
					category: r.category,
					severity: r.severity,
					channel: r.channel,
					department: r.department,
					status: r.status,
					validity: r.validity,
					first: r.first_response_at,
					resolved: r.resolved_at,
					name: r.resident_name,
					phone: r.resident_phone
				}
			);
		}
	});
});
afterAll(() => db.close());

/** The rows the drill-down should show: received in the period, valid, matching the given fields. */
function select(keep: (r: ComplaintRow) => boolean = () => true, validity: string = 'valid') {
	return rows.filter(
		(r) =>
			r.received_at >= period.start &&
			r.received_at < period.end &&
			(validity === 'all' || r.validity === validity) &&
			keep(r)
	);
}

/** Sorted by the key in the direction, nulls last either way, then by id ascending. */
function sortedIds(list: ComplaintRow[], key: SortKey, direction: 'asc' | 'desc'): string[] {
	return [...list]
		.sort((a, b) => {
			const x = a[key];
			const y = b[key];
			if (x === null || y === null) return (x === null ? 1 : 0) - (y === null ? 1 : 0) || compare(a.id, b.id);
			return (direction === 'asc' ? compare(x, y) : compare(y, x)) || compare(a.id, b.id);
		})
		.map((r) => r.id);
}

async function readAllPages(filters: DashboardFilters, sort: string | undefined, dir: 'asc' | 'desc') {
	const first = await listComplaintRecords(db.writer, filters, all, period, { page: 1, sort, dir });
	const pages = [first];
	const pageCount = Math.ceil(first.totalRows / recordPageSize);
	for (let page = 2; page <= pageCount; page++) {
		pages.push(await listComplaintRecords(db.writer, filters, all, period, { page, sort, dir }));
	}
	return pages;
}

describe('listComplaintRecords', () => {
	const noFilters = parse({});

	it('counts the complaints under the filters and scope, as counted independently', async () => {
		const cases: [DashboardFilters, AreaScope, (r: ComplaintRow) => boolean, string?][] = [
			[noFilters, all, () => true],
			[parse({ area: ['碧水湾'] }), all, (r) => r.area === '碧水湾'],
			[parse({ building: ['B座'] }), all, (r) => r.building === 'B座'],
			[
				parse({ category: ['lifts', 'parking'], channel: ['phone'], severity: ['general'] }),
				all,
				(r) => r.category !== 'cleaning' && r.channel === 'phone' && r.severity === 'general'
			],
			[parse({ department: ['客服部'] }), all, (r) => r.department === '客服部'],
			[parse({ validity: 'invalid' }), all, () => true, 'invalid'],
			[parse({ validity: 'all' }), all, () => true, 'all'],
			[noFilters, { kind: 'areas', areas: ['锦绣江南', '翠湖花园'] }, (r) => r.area !== '碧水湾'],
			[noFilters, { kind: 'areas', areas: [] }, () => false]
		];
		for (const [filters, scope, keep, validity] of cases) {
			const page = await listComplaintRecords(db.writer, filters, scope, period, { page: 1, dir: 'desc' });
			const expected = select(keep, validity);
			expect(page.totalRows, JSON.stringify(filters) + JSON.stringify(scope)).toBe(expected.length);
			expect(page.rows.length).toBe(Math.min(expected.length, recordPageSize));
		}
	});

	it('pages by 25, and a page past the end shows the last page', async () => {
		const total = select().length;
		const lastPage = Math.ceil(total / recordPageSize);
		expect(total % recordPageSize).not.toBe(0);
		expect(lastPage).toBeGreaterThan(2);
		const pages = await readAllPages(noFilters, 'id', 'asc');
		expect(pages.map((p) => p.page)).toEqual(Array.from({ length: lastPage }, (_, i) => i + 1));
		expect(pages.map((p) => p.rows.length)).toEqual([
			...Array<number>(lastPage - 1).fill(recordPageSize),
			total - (lastPage - 1) * recordPageSize
		]);
		expect(pages.every((p) => p.pageSize === recordPageSize && p.totalRows === total)).toBe(true);
		const beyond = await listComplaintRecords(db.writer, noFilters, all, period, {
			page: lastPage + 5,
			sort: 'id',
			dir: 'asc'
		});
		expect(beyond.page).toBe(lastPage);
		expect(beyond.rows).toEqual(pages.at(-1)!.rows);
		const none = await listComplaintRecords(db.writer, noFilters, { kind: 'areas', areas: [] }, period, {
			page: 3,
			dir: 'desc'
		});
		expect(none).toMatchObject({ rows: [], totalRows: 0, page: 1 });
	});

	for (const key of sortableKeys) {
		for (const dir of ['asc', 'desc'] as const) {
			it(`sorts by ${key} ${dir}, nulls last, ties by id, across every page`, async () => {
				const pages = await readAllPages(noFilters, key, dir);
				expect(pages[0].sort).toEqual({ key, direction: dir });
				expect(pages.flatMap((p) => p.rows.map((r) => r.id))).toEqual(sortedIds(select(), key, dir));
			});
		}
	}

	it('falls back to received_at for an unknown or unlisted sort key', async () => {
		for (const sort of [undefined, 'nonsense', 'resident_phone', 'description']) {
			for (const dir of ['asc', 'desc'] as const) {
				const pages = await readAllPages(noFilters, sort, dir);
				expect(pages[0].sort, String(sort)).toEqual({ key: 'received_at', direction: dir });
				expect(pages.flatMap((p) => p.rows.map((r) => r.id))).toEqual(
					sortedIds(select(), 'received_at', dir)
				);
			}
		}
	});

	it('returns each record with its times to the minute and the resident masked', async () => {
		const page = await listComplaintRecords(
			db.writer,
			parse({ area: ['翠湖花园'], building: ['3栋'] }),
			all,
			period,
			{
				page: 1,
				dir: 'desc'
			}
		);
		expect(page.rows).toEqual([
			{
				id: 'K-LEE',
				received_at: '2026-10-10 09:30',
				area: '翠湖花园',
				building: '3栋',
				unit: '3-1201',
				category: 'lifts',
				severity: 'major',
				channel: 'phone',
				department: '工程部',
				status: 'resolved',
				first_response_at: '2026-10-10 10:00',
				resolved_at: '2026-10-11 16:20',
				resident_name: '李*龙',
				resident_phone: '138****8000'
			}
		]);
		const masked = (await readAllPages(noFilters, 'id', 'asc')).flatMap((p) => p.rows);
		const expectedNames: Record<string, string> = {
			张三: '张*',
			欧阳明华: '欧**华',
			王五: '王*',
			李小龙: '李*龙'
		};
		const expectedPhones: Record<string, string> = {
			'13912345678': '139****5678',
			'13700001111': '137****1111',
			'13800138000': '138****8000'
		};
		const byId = new Map(rows.map((r) => [r.id, r]));
		for (const record of masked) {
			const source = byId.get(record.id)!;
			expect(record.resident_name).toBe(source.resident_name ? expectedNames[source.resident_name] : null);
			expect(record.resident_phone).toBe(
				source.resident_phone ? expectedPhones[source.resident_phone] : null
			);
		}
	});

	it('drills down to exactly the complaints a hotspot cell counts', async () => {
		const cells = await computeComplaintHotspots(db.writer, noFilters, all, period, comparison);
		expect(cells.length).toBe(9);
		for (const cell of cells) {
			const filters = parse({ area: [cell.area], category: [cell.category] });
			const page = await listComplaintRecords(db.writer, filters, all, period, { page: 1, dir: 'desc' });
			const label = `${cell.area} × ${cell.category}`;
			expect(page.totalRows, label).toBe(cell.count);
			expect(page.totalRows, label).toBe(
				select((r) => r.area === cell.area && r.category === cell.category).length
			);
		}
	});
});
