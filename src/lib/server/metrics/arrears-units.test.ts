import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CourtyardDatabase } from '$pipelines/db/database.ts';
import {} from '$lib/filters/dashboard-filters.ts';
import {
	bill,
	cents,
	ledgerArbitrary,
	loadLedger,
	openLedgerDatabase,
	pay,
	type Ledger,
	noFilters,
	everywhere,
	scopeOf
} from './arrears-ledger.test-helper.ts';
import { computeReferenceArrearsUnits } from './arrears-metrics.test-helper.ts';
import { listArrearsUnits, type ArrearsUnit } from './arrears-units.ts';

let db: CourtyardDatabase;

beforeAll(async () => {
	db = await openLedgerDatabase();
});
afterAll(() => db.close());

type ReferenceUnit = ReturnType<typeof computeReferenceArrearsUnits>[number];
const inCents = (unit: ArrearsUnit) => ({ ...unit, outstanding: cents(unit.outstanding) });

/** The reference order: the key, never-paid counting as the longest ago, then the unit code. */
function sortReference(units: ReferenceUnit[], key: string, dir: 'asc' | 'desc'): ReferenceUnit[] {
	const value = (unit: ReferenceUnit): string | number =>
		key === 'unit'
			? unit.unit
			: key === 'monthsOwed'
				? unit.monthsOwed
				: key === 'lastPaymentAt'
					? (unit.lastPaymentAt ?? '')
					: unit.outstanding;
	const sign = dir === 'asc' ? 1 : -1;
	return [...units].sort((a, b) => {
		const [x, y] = [value(a), value(b)];
		const order = x < y ? -1 : x > y ? 1 : 0;
		return sign * order || a.unit.localeCompare(b.unit);
	});
}

describe('listArrearsUnits', () => {
	const asOf = '2026-03-31';
	const ledger: Ledger = {
		bills: [
			// U1 owes January (two fee types: one month) and February; paid in advance for April
			bill('J1', 'U1', '2026-01-01', 10000, '2026-01-15'),
			bill('J1P', 'U1', '2026-01-01', 2000, '2026-01-15', 'A', { fee_type: 'parking' }),
			bill('F1', 'U1', '2026-02-01', 10000, '2026-02-15'),
			bill('A1', 'U1', '2026-04-01', 10000, '2026-04-15'),
			// U2 never paid
			bill('F2', 'U2', '2026-02-01', 30000, '2026-02-15'),
			// U3 paid part, last on 03-02; a later payment after D is ignored
			bill('J3', 'U3', '2026-01-01', 8000, '2026-01-15', 'B'),
			// U4 owes only a bill due on D: not past due, not listed
			bill('M4', 'U4', '2026-03-01', 5000, '2026-03-31'),
			// U5 paid up
			bill('J5', 'U5', '2026-01-01', 5000, '2026-01-15')
		],
		payments: [
			pay('X1', null, 'A1', '2026-03-20 10:00:00', 10000),
			pay('X2', 'U3', null, '2026-03-02 10:00:00', 3000),
			pay('X3', 'U3', null, '2026-04-01 08:00:00', 5000),
			pay('X4', null, 'J5', '2026-01-10 10:00:00', 5000)
		]
	};
	const expected = computeReferenceArrearsUnits(ledger, asOf, null);

	it('lists every unit owing past due at D with months owed, oldest period and last payment', async () => {
		await loadLedger(db, ledger);
		const page = await listArrearsUnits(db.writer, noFilters, everywhere, asOf, { page: 1 });
		expect(page.rows.map(inCents)).toEqual(sortReference(expected, 'outstanding', 'desc'));
		expect(page.rows).toEqual([
			{
				unit: 'U2',
				area: 'A',
				building: 'A1',
				outstanding: 300,
				monthsOwed: 1,
				oldestUnpaidPeriod: '2026-02-01',
				lastPaymentAt: null,
				daysSinceLastPayment: null
			},
			{
				unit: 'U1',
				area: 'A',
				building: 'A1',
				outstanding: 220,
				monthsOwed: 2,
				oldestUnpaidPeriod: '2026-01-01',
				lastPaymentAt: '2026-03-20',
				daysSinceLastPayment: 11
			},
			{
				unit: 'U3',
				area: 'B',
				building: 'B1',
				outstanding: 50,
				monthsOwed: 1,
				oldestUnpaidPeriod: '2026-01-01',
				lastPaymentAt: '2026-03-02',
				daysSinceLastPayment: 29
			}
		]);
		expect(page).toMatchObject({ totalRows: 3, page: 1, pageSize: 25, sort: { key: 'outstanding' } });
	});

	it('sorts on the server by each whitelisted key, both ways, and pages', async () => {
		await loadLedger(db, ledger);
		for (const key of ['outstanding', 'monthsOwed', 'lastPaymentAt', 'unit'])
			for (const dir of ['asc', 'desc'] as const) {
				const first = await listArrearsUnits(db.writer, noFilters, everywhere, asOf, {
					page: 1,
					pageSize: 2,
					sort: key,
					dir
				});
				const second = await listArrearsUnits(db.writer, noFilters, everywhere, asOf, {
					page: 2,
					pageSize: 2,
					sort: key,
					dir
				});
				expect([...first.rows, ...second.rows].map(inCents), `${key} ${dir}`).toEqual(
					sortReference(expected, key, dir)
				);
				expect(second).toMatchObject({ page: 2, totalRows: 3, sort: { key, direction: dir } });
			}
		const oldestPaymentFirst = await listArrearsUnits(db.writer, noFilters, everywhere, asOf, {
			page: 1,
			sort: 'last_payment_at',
			dir: 'asc'
		});
		expect(oldestPaymentFirst.rows.map((row) => row.unit)).toEqual(['U2', 'U3', 'U1']);
	});

	it('falls back to outstanding for an unknown sort key and clamps the page', async () => {
		await loadLedger(db, ledger);
		const page = await listArrearsUnits(db.writer, noFilters, everywhere, asOf, {
			page: 9,
			pageSize: 2,
			sort: 'amount_due; DROP TABLE fee_bills'
		});
		expect(page).toMatchObject({ page: 2, totalRows: 3, sort: { key: 'outstanding', direction: 'desc' } });
		expect(page.rows.map((row) => row.unit)).toEqual(['U3']);
		const scoped = await listArrearsUnits(db.writer, noFilters, scopeOf(['B']), asOf, { page: 1 });
		expect(scoped.rows.map((row) => row.unit)).toEqual(['U3']);
	});
});

describe('the follow-up list on random ledgers', () => {
	it('matches the reference unit by unit', async () => {
		await fc.assert(
			fc.asyncProperty(ledgerArbitrary, async ({ ledger, asOf, scope }) => {
				await loadLedger(db, ledger);
				const page = await listArrearsUnits(db.writer, noFilters, scopeOf(scope), asOf, {
					page: 1,
					pageSize: 200
				});
				const expected = sortReference(
					computeReferenceArrearsUnits(ledger, asOf, scope),
					'outstanding',
					'desc'
				);
				expect(page.rows.map(inCents)).toEqual(expected);
				expect(page.totalRows).toBe(expected.length);
			}),
			{ numRuns: 40 }
		);
	}, 60_000);
});
