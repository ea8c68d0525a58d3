import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '$pipelines/db/database.ts';
import { dashboardFiltersSchema } from '$lib/filters/dashboard-filters.ts';
import { getDatabase } from '../database.ts';
import { loadOverviewDashboard } from './overview-dashboard.ts';

interface ComplaintRow {
	id: string;
	received: string;
	resolved: string | null;
	validity: 'valid' | 'invalid';
}

function createRandom(seed: number) {
	let state = seed;
	return () => {
		state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
		return state / 2_147_483_648;
	};
}

/** Complaints spread over two years, so every tile has a previous period and a year-earlier one. */
function buildComplaints(): ComplaintRow[] {
	const random = createRandom(11);
	const start = Date.parse('2024-10-01T00:00:00Z');
	return Array.from({ length: 900 }, (_, i) => {
		const received = start + Math.floor(random() * 760) * 86_400_000 + 9 * 3_600_000;
		const text = new Date(received).toISOString().slice(0, 19).replace('T', ' ');
		const resolved =
			random() < 0.8 ? new Date(received + 3_600_000).toISOString().slice(0, 19).replace('T', ' ') : null;
		return { id: `C${i}`, received: text, resolved, validity: random() < 0.9 ? 'valid' : 'invalid' };
	});
}

const complaints = buildComplaints();
const unitCount = 40;

beforeAll(async () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'courtyard-overview-'));
	process.env.COURTYARD_DB = path.join(dir, 'overview.duckdb');
	const db = await openDatabase(process.env.COURTYARD_DB);
	for (let i = 0; i < unitCount; i++) {
		await db.writer.run(
			`INSERT INTO units (id, batch_id, unit_code, area) VALUES ($id, 1, $code, '翠湖花园')`,
			{ id: `翠湖花园/${i}`, code: String(i) }
		);
	}
	for (const c of complaints) {
		await db.writer.run(
			`INSERT INTO complaints (id, batch_id, received_at, area, category, severity, validity, transferred, resolved_at)
			VALUES ($id, 1, $received::TIMESTAMP, '翠湖花园', 'lifts', 'general', $validity, false, $resolved::TIMESTAMP)`,
			{ id: c.id, received: c.received, validity: c.validity, resolved: c.resolved }
		);
	}
	db.close();
	await getDatabase();
});

/** Volume and closure of valid complaints received in [start, end), written out plainly. */
function countExpected(start: string, end: string) {
	const chosen = complaints.filter((c) => c.validity === 'valid' && c.received >= start && c.received < end);
	const closed = chosen.filter((c) => c.resolved !== null).length;
	return { volume: chosen.length, closure: chosen.length > 0 ? closed / chosen.length : null };
}

describe('loadOverviewDashboard', () => {
	it('gives each tile its period, 环比 and 同比 values and a 12-month sparkline, as counted independently', async () => {
		const filters = dashboardFiltersSchema.parse({ period: 'this-month', asOf: '2026-09-15' });
		const overview = await loadOverviewDashboard(filters, { kind: 'all' });
		const volume = overview.tiles.find((tile) => tile.id === 'complaintVolume')!;
		const closure = overview.tiles.find((tile) => tile.id === 'closureRate')!;
		const perUnits = overview.tiles.find((tile) => tile.id === 'complaintsPer1000Units')!;
		const current = countExpected('2026-09-01', '2026-10-01');
		const previous = countExpected('2026-08-01', '2026-09-01');
		const lastYear = countExpected('2025-09-01', '2025-10-01');
		expect([volume.value, volume.previous, volume.lastYear]).toEqual([
			current.volume,
			previous.volume,
			lastYear.volume
		]);
		expect(closure.value).toBeCloseTo(current.closure!, 10);
		expect(closure.previous).toBeCloseTo(previous.closure!, 10);
		expect(closure.lastYear).toBeCloseTo(lastYear.closure!, 10);
		expect(perUnits.value).toBeCloseTo((current.volume / unitCount) * 1000, 10);
		expect(volume.sparkline.map((point) => point.month)).toEqual([
			'2025-10',
			'2025-11',
			'2025-12',
			'2026-01',
			'2026-02',
			'2026-03',
			'2026-04',
			'2026-05',
			'2026-06',
			'2026-07',
			'2026-08',
			'2026-09'
		]);
		for (const point of volume.sparkline) {
			const [year, month] = point.month.split('-').map(Number);
			const next = new Date(Date.UTC(year, month, 1)).toISOString().slice(0, 10);
			expect(point.value, point.month).toBe(countExpected(`${point.month}-01`, next).volume);
		}
		// The sparkline's last month is the period itself: the tile and its sparkline agree.
		expect(closure.sparkline.at(-1)!.value).toBeCloseTo(closure.value!, 10);
	});
});
