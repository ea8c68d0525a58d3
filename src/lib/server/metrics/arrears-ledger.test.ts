import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type CourtyardDatabase } from '$pipelines/db/database.ts';
import { dashboardFiltersSchema } from '$lib/filters/dashboard-filters.ts';
import type { AreaScope } from '../scope.ts';
import {
	agingBucketOf,
	computeArrearsByAging,
	computeArrearsTotals,
	computeBillBalances
} from './arrears-ledger.ts';

interface BillRow {
	id: string;
	unit: string;
	area: string;
	building: string;
	period: string;
	due_date: string;
	/** In cents, so the reference is exact. */
	due: number;
}

interface PaymentRow {
	id: string;
	bill_id: string | null;
	unit: string | null;
	area: string | null;
	paid_at: string;
	amount: number;
}

interface Ledger {
	bills: BillRow[];
	payments: PaymentRow[];
}

const dayMs = 86_400_000;
const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / dayMs);

/**
 * SPEC §5 (Fees) written out plainly: named payments first, then the unit's unnamed payments one at a
 * time in paid_at order over its open bills oldest first. Amounts in cents.
 */
function computeReference(ledger: Ledger, asOf: string, areas: readonly string[] | null) {
	const inScope = (area: string | null | undefined) => areas === null || areas.includes(area ?? '');
	const billById = new Map(ledger.bills.map((bill) => [bill.id, bill]));
	const unitArea = (unit: string) => ledger.bills.find((bill) => bill.unit === unit)?.area;
	const due = ledger.bills.filter((bill) => bill.due_date <= asOf && inScope(bill.area));
	const counted = ledger.payments
		.filter((payment) => payment.paid_at.slice(0, 10) <= asOf)
		.map((payment) => {
			const named = payment.bill_id ? billById.get(payment.bill_id) : undefined;
			const unit = named?.unit ?? payment.unit;
			return { ...payment, named, unit, area: named?.area ?? payment.area ?? unitArea(unit ?? '') };
		})
		.filter((p) => p.unit !== null && (!p.named || p.named.due_date <= asOf) && inScope(p.area))
		.sort((a, b) => a.paid_at.localeCompare(b.paid_at) || a.id.localeCompare(b.id));
	const paid = new Map(due.map((bill) => [bill.id, 0]));
	const overpaid = new Map<string, number>();
	const addOverpaid = (unit: string, amount: number) =>
		amount > 0 && overpaid.set(unit, (overpaid.get(unit) ?? 0) + amount);
	for (const payment of counted.filter((p) => p.named)) {
		const bill = payment.named!;
		const applied = Math.min(payment.amount, bill.due - paid.get(bill.id)!);
		paid.set(bill.id, paid.get(bill.id)! + applied);
		addOverpaid(bill.unit, payment.amount - applied);
	}
	const oldestFirst = [...due].sort(
		(a, b) =>
			a.period.localeCompare(b.period) || a.due_date.localeCompare(b.due_date) || a.id.localeCompare(b.id)
	);
	for (const payment of counted.filter((p) => !p.named)) {
		let left = payment.amount;
		for (const bill of oldestFirst.filter((b) => b.unit === payment.unit)) {
			const applied = Math.min(left, bill.due - paid.get(bill.id)!);
			paid.set(bill.id, paid.get(bill.id)! + applied);
			left -= applied;
		}
		addOverpaid(payment.unit!, left);
	}
	const bills = due.map((bill) => ({
		billId: bill.id,
		amountDue: bill.due,
		paid: paid.get(bill.id)!,
		outstanding: bill.due - paid.get(bill.id)!,
		daysPastDue: daysBetween(bill.due_date, asOf)
	}));
	return {
		bills,
		overpaid,
		totals: {
			totalDue: bills.reduce((sum, bill) => sum + bill.amountDue, 0),
			totalPaid: counted.reduce((sum, payment) => sum + payment.amount, 0),
			totalArrears: bills.reduce((sum, bill) => sum + bill.outstanding, 0),
			totalOverpayments: 0 - [...overpaid.values()].reduce((sum, amount) => sum + amount, 0)
		}
	};
}

let db: CourtyardDatabase;
const noFilters = dashboardFiltersSchema.parse({});
const everywhere: AreaScope = { kind: 'all' };
// + 0 turns a negative zero into zero
const cents = (amount: number) => Math.round(amount * 100) + 0;

async function loadLedger(ledger: Ledger) {
	await db.writer.run('DELETE FROM fee_bills; DELETE FROM payments');
	for (const bill of ledger.bills) {
		await db.writer.run(
			`INSERT INTO fee_bills (id, batch_id, unit, area, building, fee_type, period, amount_due, due_date)
			VALUES ($id, 1, $unit, $area, $building, 'management', $period::DATE, $due::DECIMAL(14,2) / 100, $dueDate::DATE)`,
			{
				id: bill.id,
				unit: bill.unit,
				area: bill.area,
				building: bill.building,
				period: bill.period,
				due: String(bill.due),
				dueDate: bill.due_date
			}
		);
	}
	for (const payment of ledger.payments) {
		await db.writer.run(
			`INSERT INTO payments (id, batch_id, bill_id, unit, area, paid_at, amount)
			VALUES ($id, 1, $billId, $unit, $area, $paidAt::TIMESTAMP, $amount::DECIMAL(14,2) / 100)`,
			{
				id: payment.id,
				billId: payment.bill_id,
				unit: payment.unit,
				area: payment.area,
				paidAt: payment.paid_at,
				amount: String(payment.amount)
			}
		);
	}
}

/** The SQL ledger in cents, shaped like the reference. */
async function computeInCents(asOf: string, scope: AreaScope = everywhere) {
	const balances = await computeBillBalances(db.writer, noFilters, scope, asOf);
	const totals = await computeArrearsTotals(db.writer, noFilters, scope, asOf);
	return {
		bills: balances.bills.map((bill) => ({
			billId: bill.billId,
			amountDue: cents(bill.amountDue),
			paid: cents(bill.paid),
			outstanding: cents(bill.outstanding),
			daysPastDue: bill.daysPastDue
		})),
		overpaid: new Map(balances.overpayments.map((unit) => [unit.unit, cents(unit.amount)])),
		totals: Object.fromEntries(Object.entries(totals).map(([key, value]) => [key, cents(value)]))
	};
}

async function expectMatchesReference(ledger: Ledger, asOf: string, areas: readonly string[] | null = null) {
	await loadLedger(ledger);
	const actual = await computeInCents(asOf, areas ? { kind: 'areas', areas } : everywhere);
	const expected = computeReference(ledger, asOf, areas);
	const byId = (a: { billId: string }, b: { billId: string }) => a.billId.localeCompare(b.billId);
	expect(actual.bills.sort(byId)).toEqual(expected.bills.sort(byId));
	expect(actual.overpaid).toEqual(expected.overpaid);
	expect(actual.totals).toEqual(expected.totals);
	const t = actual.totals;
	expect(t.totalDue - t.totalPaid).toBe(t.totalArrears + t.totalOverpayments);
	return actual;
}

const bill = (
	id: string,
	unit: string,
	period: string,
	due: number,
	dueDate: string,
	area = 'A'
): BillRow => ({
	id,
	unit,
	area,
	building: `${area}1`,
	period,
	due_date: dueDate,
	due
});
const pay = (
	id: string,
	unit: string | null,
	billId: string | null,
	paidAt: string,
	amount: number
): PaymentRow => ({
	id,
	bill_id: billId,
	unit,
	area: null,
	paid_at: paidAt,
	amount
});

beforeAll(async () => {
	db = await openDatabase(
		path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'courtyard-arrears-')), 'a.duckdb')
	);
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
		await loadLedger({ bills, payments: [] });
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
	const day = (offset: number) =>
		new Date(Date.parse('2026-01-01') + offset * dayMs).toISOString().slice(0, 10);
	const units = ['U1', 'U2', 'U3'];
	const unitAreas: Record<string, string> = { U1: 'A', U2: 'A', U3: 'B' };
	const ledgerArbitrary = fc
		.record({
			bills: fc.array(
				fc.record({
					unit: fc.constantFrom(...units),
					month: fc.nat(5),
					dueLag: fc.nat(40),
					due: fc.integer({ min: 1, max: 20000 })
				}),
				{ maxLength: 8 }
			),
			payments: fc.array(
				fc.record({
					unit: fc.constantFrom(...units),
					billIndex: fc.option(fc.nat(9), { nil: null }),
					withArea: fc.boolean(),
					day: fc.nat(240),
					second: fc.nat(86_399),
					amount: fc.integer({ min: 1, max: 20000 })
				}),
				{ maxLength: 8 }
			),
			asOf: fc.nat(240),
			scope: fc.constantFrom(null, ['A'], ['B'])
		})
		.map(({ bills, payments, asOf, scope }) => {
			const billRows = bills.map((b, index) => {
				const period = `2026-0${b.month + 1}-01`;
				return bill(
					`B${index}`,
					b.unit,
					period,
					b.due,
					day(daysBetween('2026-01-01', period) + b.dueLag),
					unitAreas[b.unit]
				);
			});
			const paymentRows = payments.map((p, index): PaymentRow => {
				const named = p.billIndex === null ? undefined : billRows[p.billIndex];
				const time = new Date(Date.parse(day(p.day)) + p.second * 1000)
					.toISOString()
					.slice(0, 19)
					.replace('T', ' ');
				return {
					id: `P${index}`,
					// a bill id that matches no bill stands in for an unknown one
					bill_id: p.billIndex === null ? null : (named?.id ?? `missing-${p.billIndex}`),
					unit: named ? null : p.unit,
					area: p.withArea ? unitAreas[p.unit] : null,
					paid_at: time,
					amount: p.amount
				};
			});
			return { ledger: { bills: billRows, payments: paymentRows }, asOf: day(asOf), scope };
		});

	it('matches per bill, per unit and in total, and keeps the SPEC invariant', async () => {
		await fc.assert(
			fc.asyncProperty(ledgerArbitrary, async ({ ledger, asOf, scope }) => {
				await expectMatchesReference(ledger, asOf, scope);
			}),
			{ numRuns: 40 }
		);
	}, 30_000);
});
