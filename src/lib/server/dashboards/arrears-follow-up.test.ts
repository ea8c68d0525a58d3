import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CourtyardDatabase } from '$pipelines/db/database.ts';
import { dashboardFiltersSchema } from '$lib/filters/dashboard-filters.ts';
import { followUpColumns } from '$lib/views/arrears-units-view.ts';
import {
	bill,
	loadLedger,
	openLedgerDatabase,
	pay,
	type Ledger
} from '../metrics/arrears-ledger.test-helper.ts';
import { computeReferenceArrearsUnits } from '../metrics/arrears-metrics.test-helper.ts';
import { writeArrearsFollowUpWorkbook } from './arrears-follow-up.ts';

let db: CourtyardDatabase;
beforeAll(async () => {
	db = await openLedgerDatabase();
});
afterAll(() => db.close());

const asOf = '2026-03-31';
const units = ['U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7', '=HYPERLINK("x")'];
/** Eight units owing different amounts (one code shaped like a formula), one paid up, one owing only on D. */
const ledger: Ledger = {
	bills: [
		...units.flatMap((unit, index) => [
			bill(`J${index}`, unit, '2026-01-01', 10000 + index * 1000, '2026-01-15', index % 2 ? 'A' : 'B'),
			bill(`F${index}`, unit, '2026-02-01', 10000, '2026-02-15', index % 2 ? 'A' : 'B')
		]),
		bill('JP', 'PAID', '2026-01-01', 5000, '2026-01-15'),
		bill('MD', 'ON-D', '2026-03-01', 5000, '2026-03-31')
	],
	payments: [
		pay('P1', null, 'J1', '2026-01-20 09:00:00', 11000),
		pay('P2', 'U3', null, '2026-02-20 09:00:00', 4000),
		pay('P3', null, 'JP', '2026-01-10 09:00:00', 5000),
		pay('P4', 'U5', null, '2026-03-31 18:00:00', 12000)
	]
};

async function readSheet(body: Buffer): Promise<{ names: string[]; rows: unknown[][] }> {
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load(body as unknown as ArrayBuffer);
	const rows: unknown[][] = [];
	workbook.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
	return { names: workbook.worksheets.map((sheet) => sheet.name), rows };
}

describe('writeArrearsFollowUpWorkbook', () => {
	const reference = computeReferenceArrearsUnits(ledger, asOf, null);

	it('writes every unit in arrears, not one page, largest outstanding first, with the header', async () => {
		await loadLedger(db, ledger);
		const filters = dashboardFiltersSchema.parse({ asOf });
		const workbook = await writeArrearsFollowUpWorkbook(db.writer, filters, { kind: 'all' }, {}, 3);
		const { names, rows } = await readSheet(workbook.body);
		expect(names).toHaveLength(1);
		expect(names[0]).toContain(asOf);
		expect(workbook.fileName).toContain(asOf);
		expect(rows[0]).toEqual(followUpColumns().map((column) => column.label));

		const expected = [...reference].sort(
			(a, b) => b.outstanding - a.outstanding || a.unit.localeCompare(b.unit)
		);
		expect(reference.length).toBeGreaterThan(3);
		expect(workbook.units).toBe(expected.length);
		const body = rows.slice(1);
		// A unit code shaped like a formula is written as text behind a quote, never as a formula.
		expect(body.map((row) => row[0])).toEqual(
			expected.map((unit) => (unit.unit.startsWith('=') ? `'${unit.unit}` : unit.unit))
		);
		expect(body.map((row) => Math.round((row[3] as number) * 100))).toEqual(
			expected.map((unit) => unit.outstanding)
		);
		expect(body.map((row) => row[4])).toEqual(expected.map((unit) => unit.monthsOwed));
	});

	it('follows the page’s sort, and its places; without an as-of day, D is the latest payment day', async () => {
		await loadLedger(db, ledger);
		const filters = dashboardFiltersSchema.parse({ area: ['A'] });
		const workbook = await writeArrearsFollowUpWorkbook(
			db.writer,
			filters,
			{ kind: 'all' },
			{ sort: 'unit', dir: 'asc' },
			2
		);
		expect(workbook.asOf).toBe('2026-03-31');
		const { rows } = await readSheet(workbook.body);
		const expected = computeReferenceArrearsUnits(ledger, asOf, ['A'])
			.map((unit) => unit.unit)
			.sort();
		expect(expected.length).toBeGreaterThan(2);
		expect(rows.slice(1).map((row) => String(row[0]).replace(/^'=/, '='))).toEqual(expected);
	});

	it('writes the header alone when nobody owes anything', async () => {
		await loadLedger(db, { bills: [bill('JP', 'PAID', '2026-01-01', 5000, '2026-01-15')], payments: [] });
		const filters = dashboardFiltersSchema.parse({ asOf: '2026-01-10' });
		const workbook = await writeArrearsFollowUpWorkbook(db.writer, filters, { kind: 'all' }, {});
		expect((await readSheet(workbook.body)).rows).toHaveLength(1);
		expect(workbook.units).toBe(0);
	});
});
