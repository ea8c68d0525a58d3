import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CourtyardDatabase } from '$pipelines/db/database.ts';
import { type DateRange } from '$lib/filters/dashboard-filters.ts';
import {
	computeArrearsByFeeType,
	computeArrearsByPlace,
	computeArrearsReconciliation,
	type ArrearsPlace,
	type ArrearsPlaceLevel
} from './arrears-breakdown.ts';
import { agingBuckets, computeArrearsTotals } from './arrears-ledger.ts';
import {
	bill,
	cents,
	ledgerArbitrary,
	loadLedger,
	openLedgerDatabase,
	pay,
	shiftDay,
	type Ledger,
	noFilters,
	everywhere,
	scopeOf
} from './arrears-ledger.test-helper.ts';
import { computeReferenceByFeeType, computeReferenceByPlace } from './arrears-metrics.test-helper.ts';

let db: CourtyardDatabase;
const levels: ArrearsPlaceLevel[] = ['area', 'building', 'unit'];

beforeAll(async () => {
	db = await openLedgerDatabase();
});
afterAll(() => db.close());

const placeInCents = (place: ArrearsPlace) => ({
	...place,
	outstanding: cents(place.outstanding),
	outstandingOver180Days: cents(place.outstandingOver180Days),
	buckets: Object.fromEntries(
		Object.entries(place.buckets).map(([bucket, amount]) => [bucket, cents(amount)])
	)
});

async function expectPlacesMatch(
	ledger: Ledger,
	asOf: string,
	areas: readonly string[] | null,
	level: ArrearsPlaceLevel
) {
	const actual = (await computeArrearsByPlace(db.writer, noFilters, scopeOf(areas), asOf, level)).map(
		placeInCents
	);
	const expected = computeReferenceByPlace(ledger, asOf, areas, level);
	const key = (p: { area: string; building: string | null; unit: string | null }) =>
		`${p.area}/${p.building}/${p.unit}`;
	expect([...actual].sort((a, b) => key(a).localeCompare(key(b)))).toEqual(
		[...expected].sort((a, b) => key(a).localeCompare(key(b)))
	);
	for (let i = 1; i < actual.length; i++)
		expect(actual[i - 1].outstanding).toBeGreaterThanOrEqual(actual[i].outstanding);
	return actual;
}

describe('computeArrearsByPlace', () => {
	const asOf = '2026-12-31';
	const edges = [0, 30, 31, 90, 91, 180, 181, 365, 366];
	const ledger: Ledger = {
		bills: [
			...edges.map((days, index) =>
				bill(`E${index}`, `U${index % 3}`, '2025-01-01', 100 * (index + 1), shiftDay(asOf, -days), 'A', {
					building: index % 3 === 2 ? 'A2' : 'A1'
				})
			),
			bill('Q1', 'U9', '2026-11-01', 5000, '2026-11-15', 'B'),
			bill('Q2', 'U9', '2026-12-01', 5000, '2027-01-15', 'B')
		],
		payments: [
			pay('X1', null, 'E3', '2026-06-01 09:00:00', 200),
			pay('X2', null, 'Q1', '2026-11-10 09:00:00', 5000)
		]
	};

	it('puts each bucket edge (30/31, 90/91, 180/181, 365/366 days) on the right side, per place', async () => {
		await loadLedger(db, ledger);
		const [area] = await expectPlacesMatch(ledger, asOf, null, 'area');
		// E0 is due on D: outstanding, but in no bucket and not past due
		expect(area.buckets).toEqual({
			'1-30': 200,
			'31-90': 300 + 200,
			'91-180': 500 + 600,
			'181-365': 700 + 800,
			'over-365': 900
		});
		expect(area).toMatchObject({
			area: 'A',
			outstanding: 4300,
			outstandingOver180Days: 700 + 800 + 900,
			unitsInArrears: 3,
			billsPastDue: 8
		});
		for (const level of levels) await expectPlacesMatch(ledger, asOf, null, level);
	});

	it('lists a paid-up area as zero and leaves paid-up units out', async () => {
		await loadLedger(db, ledger);
		const areas = await computeArrearsByPlace(db.writer, noFilters, everywhere, asOf, 'area');
		expect(areas.at(-1)).toMatchObject({ area: 'B', outstanding: 0, unitsInArrears: 0 });
		const units = await computeArrearsByPlace(db.writer, noFilters, everywhere, asOf, 'unit');
		expect(units.map((unit) => unit.unit)).not.toContain('U9');
		expect(units[0]).toMatchObject({ area: 'A', building: expect.any(String), unit: expect.any(String) });
	});
});

describe('computeArrearsByFeeType', () => {
	it("gives each fee type's due, paid and outstanding for P, and its arrears over all periods", async () => {
		const ledger: Ledger = {
			bills: [
				bill('M0', 'U1', '2025-12-01', 10000, '2025-12-15'),
				bill('M1', 'U1', '2026-01-01', 10000, '2026-01-15'),
				bill('P1', 'U1', '2026-01-01', 2000, '2026-01-15', 'A', { fee_type: 'parking' }),
				bill('M2', 'U2', '2026-01-01', 8000, '2026-02-15')
			],
			payments: [
				pay('X1', 'U1', null, '2026-01-20 09:00:00', 15000),
				pay('X2', null, 'P1', '2026-01-20 09:00:00', 2500)
			]
		};
		await loadLedger(db, ledger);
		const period: DateRange = { start: '2026-01-01', end: '2026-02-01' };
		const types = await computeArrearsByFeeType(db.writer, noFilters, everywhere, '2026-01-31', period);
		expect(types).toEqual([
			{
				feeType: 'management',
				due: 100,
				paid: 50,
				outstanding: 50,
				collectionRate: { numerator: 50, denominator: 100, rate: 0.5 },
				outstandingAllPeriods: 50
			},
			{
				feeType: 'parking',
				due: 20,
				paid: 20,
				outstanding: 0,
				collectionRate: { numerator: 20, denominator: 20, rate: 1 },
				outstandingAllPeriods: 0
			}
		]);
	});
});

describe('computeArrearsReconciliation', () => {
	it('reports the SPEC invariant as holding, with the totals', async () => {
		const ledger: Ledger = {
			bills: [bill('M1', 'U1', '2026-01-01', 10000, '2026-01-15')],
			payments: [pay('X1', null, 'M1', '2026-01-20 09:00:00', 12345)]
		};
		await loadLedger(db, ledger);
		const check = await computeArrearsReconciliation(db.writer, noFilters, everywhere, '2026-01-31');
		expect(check).toMatchObject({
			totalDue: 100,
			totalPaid: 123.45,
			totalArrears: 0,
			totalOverpayments: -23.45,
			holds: true
		});
		expect(Math.abs(check.difference)).toBeLessThan(0.005);
	});
});

describe('breakdowns on random ledgers', () => {
	it('match the reference; places and fee types add up to the totals; the invariant holds', async () => {
		await fc.assert(
			fc.asyncProperty(ledgerArbitrary, async ({ ledger, asOf, scope, period }) => {
				await loadLedger(db, ledger);
				const totals = await computeArrearsTotals(db.writer, noFilters, scopeOf(scope), asOf);
				for (const level of levels) {
					const places = await expectPlacesMatch(ledger, asOf, scope, level);
					const sum = (pick: (place: ReturnType<typeof placeInCents>) => number) =>
						places.reduce((total, place) => total + pick(place), 0);
					expect(sum((place) => place.outstanding)).toBe(cents(totals.totalArrears));
					const pastDue = agingBuckets.reduce(
						(total, bucket) => total + sum((place) => place.buckets[bucket]),
						0
					);
					expect(pastDue).toBeLessThanOrEqual(cents(totals.totalArrears));
				}
				const types = await computeArrearsByFeeType(db.writer, noFilters, scopeOf(scope), asOf, period);
				const byType = (a: { feeType: string }, b: { feeType: string }) => a.feeType.localeCompare(b.feeType);
				expect(
					types
						.map(({ collectionRate: _rate, ...type }) => ({
							...type,
							due: cents(type.due),
							paid: cents(type.paid),
							outstanding: cents(type.outstanding),
							outstandingAllPeriods: cents(type.outstandingAllPeriods)
						}))
						.sort(byType)
				).toEqual(computeReferenceByFeeType(ledger, asOf, period, scope).sort(byType));
				expect(types.reduce((total, type) => total + cents(type.outstandingAllPeriods), 0)).toBe(
					cents(totals.totalArrears)
				);
				const check = await computeArrearsReconciliation(db.writer, noFilters, scopeOf(scope), asOf);
				expect(check.holds).toBe(true);
			}),
			{ numRuns: 40 }
		);
	}, 60_000);
});
