import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CourtyardDatabase } from '$pipelines/db/database.ts';
import { dashboardFiltersSchema, type DateRange } from '$lib/filters/dashboard-filters.ts';
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
import { computeReferenceCollection, type ReferenceCollection } from './arrears-metrics.test-helper.ts';
import {
	computeCollectionRate,
	computeCollectionRateByArea,
	computeCollectionRateByMonth,
	computeCollectionRateComparison,
	resolveCollectionComparison,
	type CollectionRate
} from './collection-rate.ts';

let db: CourtyardDatabase;
const january: DateRange = { start: '2026-01-01', end: '2026-02-01' };

beforeAll(async () => {
	db = await openLedgerDatabase();
});
afterAll(() => db.close());

/** The SQL figure in cents against the reference's; a missing reference group is an empty one. */
function expectCollection(actual: CollectionRate, expected: ReferenceCollection | undefined) {
	const reference = expected ?? {
		due: 0,
		paid: 0,
		unitsBilled: 0,
		unitsPaid: 0,
		billsNotYetDue: 0,
		amountNotYetDue: 0,
		notYetDue: false
	};
	expect({
		due: cents(actual.amount.denominator),
		paid: cents(actual.amount.numerator),
		unitsBilled: actual.household.denominator,
		unitsPaid: actual.household.numerator,
		billsNotYetDue: actual.excludedNotYetDue.bills,
		amountNotYetDue: cents(actual.excludedNotYetDue.amountDue),
		notYetDue: actual.notYetDue
	}).toEqual(reference);
	expect(actual.amount.rate === null).toBe(reference.due === 0);
	expect(actual.household.rate === null).toBe(reference.unitsBilled === 0);
	if (reference.due > 0) expect(actual.amount.rate).toBeCloseTo(reference.paid / reference.due, 12);
}

async function expectRateMatches(ledger: Ledger, asOf: string, period: DateRange) {
	await loadLedger(db, ledger);
	const actual = await computeCollectionRate(db.writer, noFilters, everywhere, asOf, period);
	expectCollection(actual, computeReferenceCollection(ledger, asOf, period, null).get(''));
	return actual;
}

describe('computeCollectionRate', () => {
	it('counts a unit that paid one of its two bills on the amount basis but not as a paid-up household', async () => {
		const rate = await expectRateMatches(
			{
				bills: [
					bill('M1', 'U1', '2026-01-01', 10000, '2026-01-15'),
					bill('P1', 'U1', '2026-01-01', 3000, '2026-01-15', 'A', { fee_type: 'parking' }),
					bill('M2', 'U2', '2026-01-01', 8000, '2026-01-15'),
					bill('M3', 'U3', '2026-01-01', 6000, '2026-01-15')
				],
				payments: [
					pay('X1', null, 'M1', '2026-01-10 09:00:00', 10000),
					pay('X2', null, 'M2', '2026-01-20 09:00:00', 8000),
					pay('X3', null, 'M3', '2026-01-20 09:00:00', 2500)
				]
			},
			'2026-01-31',
			january
		);
		expect(rate.amount).toEqual({ numerator: 205, denominator: 270, rate: 205 / 270 });
		expect(rate.household).toEqual({ numerator: 1, denominator: 3, rate: 1 / 3 });
	});

	it("applies a payment without a bill id to the unit's older bill first, then to the period's", async () => {
		const rate = await expectRateMatches(
			{
				bills: [
					bill('D1', 'U1', '2025-12-01', 10000, '2025-12-15'),
					bill('J1', 'U1', '2026-01-01', 10000, '2026-01-15')
				],
				payments: [pay('X1', 'U1', null, '2026-01-20 09:00:00', 14000)]
			},
			'2026-01-31',
			january
		);
		expect(rate.amount.numerator).toBe(40);
	});

	it('caps an overpaid bill at its amount due and ignores payments made after D', async () => {
		const rate = await expectRateMatches(
			{
				bills: [
					bill('J1', 'U1', '2026-01-01', 10000, '2026-01-15'),
					bill('J2', 'U2', '2026-01-01', 10000, '2026-01-15')
				],
				payments: [
					pay('X1', null, 'J1', '2026-01-10 09:00:00', 15000),
					pay('X2', null, 'J2', '2026-02-01 00:00:00', 10000)
				]
			},
			'2026-01-31',
			january
		);
		expect(rate.amount).toEqual({ numerator: 100, denominator: 200, rate: 0.5 });
		expect(rate.household.numerator).toBe(1);
	});

	it('leaves out bills of the period not yet due, and says so when none is due', async () => {
		const ledger = {
			bills: [
				bill('J1', 'U1', '2026-01-01', 10000, '2026-01-15'),
				bill('J2', 'U2', '2026-01-01', 7000, '2026-02-15')
			],
			payments: [pay('X1', null, 'J2', '2026-01-05 09:00:00', 7000)]
		};
		const partly = await expectRateMatches(ledger, '2026-01-31', january);
		expect(partly.amount).toEqual({ numerator: 0, denominator: 100, rate: 0 });
		expect(partly.excludedNotYetDue).toEqual({ bills: 1, amountDue: 70 });
		// due on D: counted, and the advance payment made for it now applies
		const onDueDay = await expectRateMatches(ledger, '2026-02-15', january);
		expect(onDueDay.amount).toEqual({ numerator: 70, denominator: 170, rate: 70 / 170 });
		expect(onDueDay.excludedNotYetDue.bills).toBe(0);
		const none = await expectRateMatches(ledger, '2026-01-14', january);
		expect(none).toMatchObject({ notYetDue: true, amount: { rate: null }, household: { rate: null } });
		const empty = await expectRateMatches(ledger, '2026-01-31', { start: '2026-03-01', end: '2026-04-01' });
		expect(empty.notYetDue).toBe(false);
	});
});

describe('comparisons (环比/同比)', () => {
	it('evaluates each comparison period as long after its start as D is after P starts', () => {
		const quarter = dashboardFiltersSchema.parse({ period: 'this-quarter' });
		const q2 = { start: '2026-04-01', end: '2026-07-01' };
		expect(resolveCollectionComparison(quarter, q2, '2026-05-15')).toEqual({
			previous: { period: { start: '2026-01-01', end: '2026-04-01' }, asOf: '2026-02-14' },
			lastYear: { period: { start: '2025-04-01', end: '2025-07-01' }, asOf: '2025-05-15' }
		});
		const month = dashboardFiltersSchema.parse({ period: 'this-month' });
		expect(
			resolveCollectionComparison(month, { start: '2026-03-01', end: '2026-04-01' }, '2026-03-31')
		).toMatchObject({ previous: { asOf: '2026-03-03' }, lastYear: { asOf: '2025-03-31' } });
	});

	it('counts a payment on the previous period only if made by the shifted as-of day', async () => {
		const ledger = {
			bills: [
				bill('F1', 'U1', '2026-02-01', 10000, '2026-02-10'),
				bill('F2', 'U2', '2026-02-01', 10000, '2026-02-10'),
				bill('M1', 'U1', '2026-03-01', 10000, '2026-03-10'),
				bill('L1', 'U1', '2025-03-01', 10000, '2025-03-10')
			],
			payments: [
				pay('X1', null, 'F1', '2026-02-18 10:00:00', 10000),
				// after D' = 2026-02-20 (D − 28 days), though before D: not counted for February
				pay('X2', null, 'F2', '2026-03-01 10:00:00', 10000),
				pay('X3', null, 'M1', '2026-03-15 10:00:00', 5000),
				pay('X4', null, 'L1', '2025-03-19 10:00:00', 10000)
			]
		};
		await loadLedger(db, ledger);
		const filters = dashboardFiltersSchema.parse({ period: 'this-month' });
		const march = { start: '2026-03-01', end: '2026-04-01' };
		const rates = await computeCollectionRateComparison(db.writer, filters, everywhere, '2026-03-20', march);
		expect(rates.previous.asOf).toBe('2026-02-20');
		expect(rates.lastYear.asOf).toBe('2025-03-20');
		for (const figure of [rates.current, rates.previous, rates.lastYear])
			expectCollection(figure, computeReferenceCollection(ledger, figure.asOf, figure.period, null).get(''));
		expect([rates.current.amount.rate, rates.previous.amount.rate, rates.lastYear.amount.rate]).toEqual([
			0.5, 0.5, 1
		]);
	});
});

describe('collection by month and by area', () => {
	const ledger: Ledger = {
		bills: [
			bill('A1', 'U1', '2025-11-01', 10000, '2025-11-15'),
			bill('A2', 'U1', '2026-01-01', 10000, '2026-01-15'),
			bill('B1', 'U2', '2026-01-01', 4000, '2026-01-15', 'B'),
			bill('B2', 'U2', '2026-02-01', 4000, '2026-03-15', 'B')
		],
		payments: [
			pay('X1', 'U1', null, '2026-01-20 10:00:00', 12000),
			pay('X2', null, 'B1', '2026-01-20 10:00:00', 4000)
		]
	};

	it('gives the 12 billing months ending with the period, each collected to date at D', async () => {
		await loadLedger(db, ledger);
		const months = await computeCollectionRateByMonth(db.writer, noFilters, everywhere, '2026-02-28', {
			start: '2026-01-01',
			end: '2026-03-01'
		});
		expect(months.map((month) => month.period.start)).toEqual([
			'2025-03-01',
			'2025-04-01',
			'2025-05-01',
			'2025-06-01',
			'2025-07-01',
			'2025-08-01',
			'2025-09-01',
			'2025-10-01',
			'2025-11-01',
			'2025-12-01',
			'2026-01-01',
			'2026-02-01'
		]);
		const expected = computeReferenceCollection(
			ledger,
			'2026-02-28',
			{ start: '2025-03-01', end: '2026-03-01' },
			null,
			(b) => b.period
		);
		for (const month of months) expectCollection(month, expected.get(month.period.start));
		expect(months.at(-1)!.notYetDue).toBe(true);
	});

	it('splits the period by area, within the scope', async () => {
		await loadLedger(db, ledger);
		for (const areas of [null, ['B']]) {
			const byArea = await computeCollectionRateByArea(
				db.writer,
				noFilters,
				scopeOf(areas),
				'2026-02-28',
				january
			);
			const expected = computeReferenceCollection(ledger, '2026-02-28', january, areas, (b) => b.area);
			expect(byArea.map((row) => row.area)).toEqual([...expected.keys()].sort());
			for (const row of byArea) expectCollection(row, expected.get(row.area));
		}
	});
});

describe('collection rate on random ledgers', () => {
	it('matches the reference on both bases, overall, by area and for the comparison periods', async () => {
		await fc.assert(
			fc.asyncProperty(ledgerArbitrary, async ({ ledger, asOf, scope, period }) => {
				await loadLedger(db, ledger);
				const rate = await computeCollectionRate(db.writer, noFilters, scopeOf(scope), asOf, period);
				expectCollection(rate, computeReferenceCollection(ledger, asOf, period, scope).get(''));
				const byArea = await computeCollectionRateByArea(db.writer, noFilters, scopeOf(scope), asOf, period);
				const expected = computeReferenceCollection(ledger, asOf, period, scope, (b) => b.area);
				expect(byArea.map((row) => row.area).sort()).toEqual([...expected.keys()].sort());
				for (const row of byArea) expectCollection(row, expected.get(row.area));
				const filters = dashboardFiltersSchema.parse({
					period: 'custom',
					from: period.start,
					to: period.end
				});
				const compared = await computeCollectionRateComparison(
					db.writer,
					filters,
					scopeOf(scope),
					asOf,
					period
				);
				for (const figure of [compared.previous, compared.lastYear])
					expectCollection(
						figure,
						computeReferenceCollection(ledger, figure.asOf, figure.period, scope).get('')
					);
			}),
			{ numRuns: 40 }
		);
	}, 60_000);
});
