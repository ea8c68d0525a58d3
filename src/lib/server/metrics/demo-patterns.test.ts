import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type CourtyardDatabase } from '$pipelines/db/database.ts';
import { loadDemoData } from '$pipelines/demo/load-demo.ts';
import { dashboardFiltersSchema } from '$lib/filters/dashboard-filters.ts';
import { defaultSlaSettings } from '../settings/sla-settings.ts';
import { computeArrearsByPlace } from './arrears-breakdown.ts';
import { computeComplaintHotspots } from './complaint-hotspots.ts';
import { computeComplaintTimelinessBy } from './complaint-timeliness.ts';

/** The patterns planted in the demo data (pipelines/demo/PATTERNS.md) must come out of the metrics. */
describe('metrics on the demo data', () => {
	let db: CourtyardDatabase;
	const filters = dashboardFiltersSchema.parse({});
	beforeAll(async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'courtyard-demo-metrics-'));
		db = await openDatabase(path.join(dir, 'demo.duckdb'));
		await loadDemoData(db, { workDir: path.join(dir, 'files'), scale: 0.1, inWorker: false });
	}, 120_000);
	afterAll(() => db.close());

	it('puts the planted lift hotspot (锦绣江南, latest quarter) at the top of the flagged cells', async () => {
		const period = { start: '2026-08-01', end: '2026-11-01' };
		const comparison = { start: '2026-05-01', end: '2026-08-01' };
		const cells = await computeComplaintHotspots(db.writer, filters, { kind: 'all' }, period, comparison);
		expect(cells.find((c) => c.flagged)).toMatchObject({
			area: '锦绣江南',
			category: 'lifts',
			status: 'new'
		});
	});

	it('ranks the department with planted slips (工程部) worst on resolving complaints on time', async () => {
		const period = { start: '2023-11-01', end: '2026-11-01' };
		const byDepartment = await computeComplaintTimelinessBy(
			db.writer,
			filters,
			{ kind: 'all' },
			period,
			'2026-11-01 00:00:00',
			defaultSlaSettings,
			'department'
		);
		expect(byDepartment[0].key).toBe('工程部');
	});

	it('puts the planted long-aged arrears (科技大厦) first among areas by arrears > 180 days', async () => {
		const areas = await computeArrearsByPlace(db.writer, filters, { kind: 'all' }, '2026-10-31', 'area');
		const byOld = [...areas].sort((a, b) => b.outstandingOver180Days - a.outstandingOver180Days);
		expect(byOld[0].area).toBe('科技大厦');
		expect(byOld[0].outstandingOver180Days).toBeGreaterThan(2 * byOld[1].outstandingOver180Days);
	});
});
