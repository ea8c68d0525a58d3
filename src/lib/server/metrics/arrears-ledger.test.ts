import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type CourtyardDatabase } from '$pipelines/db/database.ts';
import {} from '$lib/filters/dashboard-filters.ts';
import type { AreaScope } from '../scope.ts';
import {
	agingBucketOf,
	buildLedgerSql,
	computeArrearsByAging,
	computeArrearsTotals,
	computeBillBalances
} from './arrears-ledger.ts';
import {
	bill,
	cents,
	computeReferenceLedger,
	dayMs,
	ledgerArbitrary,
	loadLedger,
	openLedgerDatabase,
	pay,
	shiftDay,
	type Ledger,
	noFilters,
	everywhere
} from './arrears-ledger.test-helper.ts';

let db: CourtyardDatabase;

/** The SQL ledger in cents, shaped like the reference. */
async function computeInCents(asOf: string, scope: AreaScope = everywhere) {
	const balances = await computeBillBalances(db.writer, noFilters, scope, asOf);
	const totals = await computeArrearsTotals(db.writer, noFilters, scope, asOf);
	return {
		bills: balances.bills.map((bill) => ({
			...bill,
			amountDue: cents(bill.amountDue),
			paid: cents(bill.paid),
			outstanding: cents(bill.outstanding)
		})),
		overpaid: new Map(balances.overpayments.map((unit) => [unit.unit, cents(unit.amount)])),
		totals: Object.fromEntries(Object.entries(totals).map(([key, value]) => [key, cents(value)]))
	};
}

async function expectMatchesReference(ledger: Ledger, asOf: string, areas: readonly string[] | null = null) {
	await loadLedger(db, ledger);
	const actual = await computeInCents(asOf, areas ? { kind: 'areas', areas } : everywhere);
	const expected = computeReferenceLedger(ledger, asOf, areas);
	const byId = (a: { billId: string }, b: { billId: string }) => a.billId.localeCompare(b.billId);
	expect(actual.bills.sort(byId)).toEqual(expected.bills.sort(byId));
	expect(actual.overpaid).toEqual(expected.overpaid);
	expect(actual.totals).toEqual(expected.totals);
	const t = actual.totals;
	expect(t.totalDue - t.totalPaid).toBe(t.totalArrears + t.totalOverpayments);
	return actual;
}

beforeAll(async () => {
	db = await openLedgerDatabase();
});
afterAll(() => db.close());

describe('computeBillBalances', () => {
	const twoMonths = [
		bill('B1', 'U1', '2026-01-01', 10000, '2026-01-31'),
		bill('B2', 'U1', '2026-02-01', 10000, '2026-02-28')
	];

	it('applies a payment without a bill id to the oldest open bills first, split across them', async () => {
		const { bills } = await expectMatchesReference(
			{ bills: twoMonths, payments: [pay('P1', 'U1', null, '2026-03-01 10:00:00', 15000)] },
			'2026-03-31'
		);
		expect(bills.map((b) => [b.billId, b.paid, b.outstanding])).toEqual([
			['B1', 10000, 0],
			['B2', 5000, 5000]
		]);
	});

	it('leaves a partly paid bill outstanding by the rest', async () => {
		const { bills, totals } = await expectMatchesReference(
			{ bills: twoMonths.slice(0, 1), payments: [pay('P1', 'U1', 'B1', '2026-02-01 09:00:00', 2550)] },
			'2026-02-15'
		);
		expect(bills[0]).toMatchObject({ paid: 2550, outstanding: 7450, daysPastDue: 15 });
		expect(totals.totalOverpayments).toBe(0);
	});

	it('reports what is paid beyond every due bill as the unit overpayment, named or not', async () => {
		const { bills, overpaid, totals } = await expectMatchesReference(
			{
				bills: twoMonths,
				payments: [
					pay('P1', null, 'B1', '2026-02-01 09:00:00', 12000),
					pay('P2', 'U1', null, '2026-03-01 09:00:00', 13000)
				]
			},
			'2026-03-31'
		);
		expect(bills.map((b) => b.outstanding)).toEqual([0, 0]);
		expect(overpaid.get('U1')).toBe(5000);
		expect(totals).toEqual({ totalDue: 20000, totalPaid: 25000, totalArrears: 0, totalOverpayments: -5000 });
	});

	it('ignores payments made after D but counts one made late on D', async () => {
		const { bills } = await expectMatchesReference(
			{
				bills: twoMonths.slice(0, 1),
				payments: [
					pay('P1', 'U1', null, '2026-02-10 23:59:59', 1000),
					pay('P2', 'U1', 'B1', '2026-02-11 00:00:00', 9000)
				]
			},
			'2026-02-10'
		);
		expect(bills[0]).toMatchObject({ paid: 1000, outstanding: 9000 });
	});

	it('excludes a bill not yet due, and does not apply unnamed payments to it', async () => {
		const { bills, overpaid } = await expectMatchesReference(
			{ bills: twoMonths, payments: [pay('P1', 'U1', null, '2026-02-01 09:00:00', 12000)] },
			'2026-02-27'
		);
		expect(bills.map((b) => b.billId)).toEqual(['B1']);
		expect(overpaid.get('U1')).toBe(2000);
	});

	it('keeps to the scope', async () => {
		const ledger = {
			bills: [...twoMonths, bill('B3', 'U2', '2026-01-01', 5000, '2026-01-31', 'B')],
			payments: [pay('P1', 'U2', null, '2026-02-01 09:00:00', 7000)]
		};
		const { bills, totals } = await expectMatchesReference(ledger, '2026-03-31', ['B']);
		expect(bills.map((b) => b.billId)).toEqual(['B3']);
		expect(totals.totalOverpayments).toBe(-2000);
	});
});

describe('aging', () => {
	it('puts each bucket edge on the right side', () => {
		const cases: [number, string | null][] = [
			[0, null],
			[1, '1-30'],
			[30, '1-30'],
			[31, '31-90'],
			[90, '31-90'],
			[91, '91-180'],
			[180, '91-180'],
			[181, '181-365'],
			[365, '181-365'],
			[366, 'over-365']
		];
		for (const [days, bucket] of cases) expect(agingBucketOf(days), `${days} days`).toBe(bucket);
	});

	it('sums arrears per bucket in SQL as agingBucketOf does', async () => {
		const asOf = '2026-12-31';
		const edges = [0, 1, 30, 31, 90, 91, 180, 181, 365, 366];
		const bills = edges.map((days, index) =>
			bill(
				`B${index}`,
				`U${index}`,
				'2025-01-01',
				100 * (index + 1),
				new Date(Date.parse(asOf) - days * dayMs).toISOString().slice(0, 10)
			)
		);
		await loadLedger(db, { bills, payments: [] });
		const aging = await computeArrearsByAging(db.writer, noFilters, everywhere, asOf);
		const expected = new Map<string | null, number>();
		edges.forEach((days, index) => {
			const bucket = agingBucketOf(days);
			expected.set(bucket, (expected.get(bucket) ?? 0) + 100 * (index + 1));
		});
		expect(cents(aging.dueToday)).toBe(expected.get(null));
		for (const { bucket, arrears } of aging.buckets)
			expect(cents(arrears), bucket).toBe(expected.get(bucket) ?? 0);
	});
});

describe('the ledger against the reference, on random ledgers', () => {
	it('matches per bill, per unit and in total, and keeps the SPEC invariant', async () => {
		await fc.assert(
			fc.asyncProperty(ledgerArbitrary, async ({ ledger, asOf, scope }) => {
				await expectMatchesReference(ledger, asOf, scope);
			}),
			{ numRuns: 40 }
		);
	}, 30_000);

	it('gives the same balances for several as-of days in one pass as for each day alone', async () => {
		await fc.assert(
			fc.asyncProperty(ledgerArbitrary, fc.nat(120), async ({ ledger, asOf, scope }, back) => {
				await loadLedger(db, ledger);
				const days = [shiftDay(asOf, -back), asOf];
				const ledgerSql = buildLedgerSql(
					noFilters,
					scope ? { kind: 'areas', areas: scope } : everywhere,
					days
				);
				const rows = await queryRows<{ asOf: string; billId: string; paid: number; outstanding: number }>(
					db.writer,
					`${ledgerSql.sql} SELECT as_of::VARCHAR AS asOf, id AS billId, paid::DOUBLE AS paid,
						outstanding::DOUBLE AS outstanding FROM ledger_bills ORDER BY 1, 2`,
					ledgerSql.params
				);
				const expected = [...new Set(days)].sort().flatMap((day) =>
					computeReferenceLedger(ledger, day, scope)
						.bills.map((b) => ({ asOf: day, billId: b.billId, paid: b.paid, outstanding: b.outstanding }))
						.sort((a, b) => a.billId.localeCompare(b.billId))
				);
				expect(
					rows.map((row) => ({ ...row, paid: cents(row.paid), outstanding: cents(row.outstanding) }))
				).toEqual(expected);
			}),
			{ numRuns: 40 }
		);
	}, 30_000);
});
