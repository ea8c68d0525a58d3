import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CourtyardDatabase } from '$pipelines/db/database.ts';
import { type DateRange } from '$lib/filters/dashboard-filters.ts';
import { computeArrearsTotals } from './arrears-ledger.ts';
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
import {
	computeReferenceNewlyInArrears,
	computeReferencePeriodAge,
	computeReferenceRecovery
} from './arrears-metrics.test-helper.ts';
import {
	computeArrearsByPeriodAge,
	computeArrearsRecovery,
	computeUnitsNewlyInArrears
} from './arrears-recovery.ts';

let db: CourtyardDatabase;
const march: DateRange = { start: '2026-03-01', end: '2026-04-01' };

beforeAll(async () => {
	db = await openLedgerDatabase();
});
afterAll(() => db.close());

async function expectRecoveryMatches(
	ledger: Ledger,
	asOf: string,
	period: DateRange,
	areas: readonly string[] | null
) {
	const actual = await computeArrearsRecovery(db.writer, noFilters, scopeOf(areas), asOf, period);
	const expected = computeReferenceRecovery(ledger, asOf, period, areas);
	expect({
		openAtStart: cents(actual.recovery.denominator),
		recovered: cents(actual.recovery.numerator),
		bills: actual.billsOpenAtStart
	}).toEqual(expected);
	return actual;
}

async function expectNewlyMatches(
	ledger: Ledger,
	asOf: string,
	period: DateRange,
	areas: readonly string[] | null
) {
	const actual = await computeUnitsNewlyInArrears(db.writer, noFilters, scopeOf(areas), asOf, period);
	const expected = computeReferenceNewlyInArrears(ledger, asOf, period, areas);
	expect(actual.units.map((unit) => ({ unit: unit.unit, outstanding: cents(unit.outstanding) }))).toEqual(
		expected
	);
	expect(actual.count).toBe(expected.length);
	expect(cents(actual.outstanding)).toBe(expected.reduce((sum, unit) => sum + unit.outstanding, 0));
	return actual;
}

describe('computeArrearsRecovery', () => {
	const ledger: Ledger = {
		bills: [
			bill('J1', 'U1', '2026-01-01', 10000, '2026-01-15'),
			bill('F1', 'U1', '2026-02-01', 10000, '2026-02-15'),
			bill('J2', 'U2', '2026-01-01', 8000, '2026-01-15'),
			// due on D0 itself: open at the start of March
			bill('F2', 'U2', '2026-02-01', 5000, '2026-02-28'),
			bill('M1', 'U1', '2026-03-01', 10000, '2026-03-15')
		],
		payments: [
			pay('X0', null, 'J2', '2026-02-10 09:00:00', 3000),
			// during March, no bill named: U1's oldest open bill (J1) first, then F1
			pay('X1', 'U1', null, '2026-03-05 09:00:00', 12000),
			pay('X2', null, 'J2', '2026-03-20 09:00:00', 5000),
			// after D: ignored
			pay('X3', null, 'F2', '2026-04-02 09:00:00', 5000)
		]
	};

	it('counts payments during P on bills open at its start, whether named or applied oldest first', async () => {
		await loadLedger(db, ledger);
		const recovery = await expectRecoveryMatches(ledger, '2026-03-31', march, null);
		expect(recovery.periodStartAsOf).toBe('2026-02-28');
		// open at 02-28: J1 100, F1 100, J2 50, F2 50 = 300; recovered: J1 100 + F1 20 + J2 50 = 170
		expect(recovery.recovery).toEqual({ numerator: 170, denominator: 300, rate: 170 / 300 });
		expect(recovery.billsOpenAtStart).toBe(4);
	});

	it('keeps to the scope and has no rate when nothing was open', async () => {
		await loadLedger(db, ledger);
		await expectRecoveryMatches(ledger, '2026-03-31', march, ['A']);
		const none = await expectRecoveryMatches(ledger, '2026-03-31', march, ['B']);
		expect(none.recovery.rate).toBeNull();
	});
});

describe('computeArrearsByPeriodAge', () => {
	it('splits arrears at D into the period, earlier periods and later ones', async () => {
		const ledger: Ledger = {
			bills: [
				bill('J1', 'U1', '2026-01-01', 10000, '2026-01-15'),
				bill('M1', 'U1', '2026-03-01', 10000, '2026-03-15'),
				bill('A1', 'U1', '2026-04-01', 3000, '2026-03-25')
			],
			payments: [pay('X1', 'U1', null, '2026-03-20 09:00:00', 4000)]
		};
		await loadLedger(db, ledger);
		const split = await computeArrearsByPeriodAge(db.writer, noFilters, everywhere, '2026-03-31', march);
		expect(split).toEqual({ current: 100, prior: 60, later: 30, total: 190 });
		const expected = computeReferencePeriodAge(ledger, '2026-03-31', march, null);
		expect(Object.fromEntries(Object.entries(split).map(([key, value]) => [key, cents(value)]))).toEqual(
			expected
		);
	});
});

describe('computeUnitsNewlyInArrears', () => {
	it('lists units owing past due at D but not the day before P started', async () => {
		const ledger: Ledger = {
			bills: [
				// U1 owed before March and still does: not new
				bill('J1', 'U1', '2026-01-01', 10000, '2026-01-15'),
				// U2 paid everything before March, then missed March: new
				bill('F2', 'U2', '2026-02-01', 5000, '2026-02-15'),
				bill('M2', 'U2', '2026-03-01', 7000, '2026-03-15'),
				// U3's bill is due on D itself: not past due yet
				bill('M3', 'U3', '2026-03-01', 9000, '2026-03-31'),
				// U4's February bill fell due on D0 (not past due then) and is still unpaid: new
				bill('F4', 'U4', '2026-02-01', 6000, '2026-02-28', 'B')
			],
			payments: [pay('X1', null, 'F2', '2026-02-14 09:00:00', 5000)]
		};
		await loadLedger(db, ledger);
		const newly = await expectNewlyMatches(ledger, '2026-03-31', march, null);
		expect(newly.units).toEqual([
			{ unit: 'U2', area: 'A', building: 'A1', outstanding: 70 },
			{ unit: 'U4', area: 'B', building: 'B1', outstanding: 60 }
		]);
		await expectNewlyMatches(ledger, '2026-03-31', march, ['B']);
	});
});

describe('recovery and arrears by period on random ledgers', () => {
	it('match the reference; current + prior + later = total arrears at D', async () => {
		await fc.assert(
			fc.asyncProperty(ledgerArbitrary, async ({ ledger, asOf, scope, period }) => {
				await loadLedger(db, ledger);
				await expectRecoveryMatches(ledger, asOf, period, scope);
				await expectNewlyMatches(ledger, asOf, period, scope);
				const split = await computeArrearsByPeriodAge(db.writer, noFilters, scopeOf(scope), asOf, period);
				const inCents = Object.fromEntries(Object.entries(split).map(([key, value]) => [key, cents(value)]));
				expect(inCents).toEqual(computeReferencePeriodAge(ledger, asOf, period, scope));
				const totals = await computeArrearsTotals(db.writer, noFilters, scopeOf(scope), asOf);
				expect(inCents.current + inCents.prior + inCents.later).toBe(cents(totals.totalArrears));
				if (period.end > asOf) expect(inCents.later).toBe(0);
			}),
			{ numRuns: 40 }
		);
	}, 60_000);
});
