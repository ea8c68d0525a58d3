import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { openDatabase, type CourtyardDatabase } from '$pipelines/db/database.ts';
import { dashboardFiltersSchema } from '$lib/filters/dashboard-filters.ts';
import type { AreaScope } from '../scope.ts';

/**
 * Fee ledgers for the arrears tests: rows as they are loaded, SPEC §5 (Fees) written out plainly in
 * TypeScript over them (amounts in cents, so the reference is exact), and a fast-check arbitrary of small
 * random ledgers.
 */

/** The page's filters left at their defaults, and the scopes the arrears tests ask for. */
export const noFilters = dashboardFiltersSchema.parse({});
export const everywhere: AreaScope = { kind: 'all' };
export const scopeOf = (areas: readonly string[] | null): AreaScope =>
	areas ? { kind: 'areas', areas } : everywhere;

export interface BillRow {
	id: string;
	unit: string;
	area: string;
	building: string;
	fee_type: string;
	period: string;
	due_date: string;
	/** In cents. */
	due: number;
}

export interface PaymentRow {
	id: string;
	bill_id: string | null;
	unit: string | null;
	area: string | null;
	paid_at: string;
	/** In cents. */
	amount: number;
}

export interface Ledger {
	bills: BillRow[];
	payments: PaymentRow[];
}

/** Area scope as the reference takes it: null for every area. */
export type ReferenceAreas = readonly string[] | null;

export interface ReferenceBill {
	billId: string;
	unit: string;
	area: string;
	building: string;
	feeType: string;
	period: string;
	dueDate: string;
	amountDue: number;
	paid: number;
	outstanding: number;
	daysPastDue: number;
}

export const dayMs = 86_400_000;
export const daysBetween = (from: string, to: string) =>
	Math.round((Date.parse(to) - Date.parse(from)) / dayMs);
export const shiftDay = (day: string, days: number) =>
	new Date(Date.parse(day) + days * dayMs).toISOString().slice(0, 10);
// + 0 turns a negative zero into zero
export const cents = (amount: number) => Math.round(amount * 100) + 0;

/**
 * The ledger at D: named payments first, then the unit's unnamed payments one at a time in paid_at order
 * over its open bills oldest first. `unitPayments` lists every payment made by D with its unit, whatever it
 * paid for (the follow-up list's "last payment").
 */
export function computeReferenceLedger(ledger: Ledger, asOf: string, areas: ReferenceAreas = null) {
	const inScope = (area: string | null | undefined) => areas === null || areas.includes(area ?? '');
	const billById = new Map(ledger.bills.map((bill) => [bill.id, bill]));
	const unitArea = (unit: string) => ledger.bills.find((bill) => bill.unit === unit)?.area;
	const due = ledger.bills.filter((bill) => bill.due_date <= asOf && inScope(bill.area));
	const madeByD = ledger.payments
		.filter((payment) => payment.paid_at.slice(0, 10) <= asOf)
		.map((payment) => {
			const named = payment.bill_id ? billById.get(payment.bill_id) : undefined;
			const unit = named?.unit ?? payment.unit;
			return { ...payment, named, unit, area: named?.area ?? payment.area ?? unitArea(unit ?? '') };
		});
	const counted = madeByD
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
	const bills: ReferenceBill[] = due.map((bill) => ({
		billId: bill.id,
		unit: bill.unit,
		area: bill.area,
		building: bill.building,
		feeType: bill.fee_type,
		period: bill.period,
		dueDate: bill.due_date,
		amountDue: bill.due,
		paid: paid.get(bill.id)!,
		outstanding: bill.due - paid.get(bill.id)!,
		daysPastDue: daysBetween(bill.due_date, asOf)
	}));
	return {
		bills,
		overpaid,
		unitPayments: madeByD.flatMap((p) => (p.unit ? [{ unit: p.unit, paidAt: p.paid_at }] : [])),
		totals: {
			totalDue: bills.reduce((sum, bill) => sum + bill.amountDue, 0),
			totalPaid: counted.reduce((sum, payment) => sum + payment.amount, 0),
			totalArrears: bills.reduce((sum, bill) => sum + bill.outstanding, 0),
			totalOverpayments: 0 - [...overpaid.values()].reduce((sum, amount) => sum + amount, 0)
		}
	};
}

export async function openLedgerDatabase(): Promise<CourtyardDatabase> {
	return openDatabase(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'courtyard-arrears-')), 'a.duckdb'));
}

export async function loadLedger(db: CourtyardDatabase, ledger: Ledger): Promise<void> {
	await db.writer.run('DELETE FROM fee_bills; DELETE FROM payments');
	for (const bill of ledger.bills) {
		await db.writer.run(
			`INSERT INTO fee_bills (id, batch_id, unit, area, building, fee_type, period, amount_due, due_date)
			VALUES ($id, 1, $unit, $area, $building, $feeType, $period::DATE, $due::DECIMAL(14,2) / 100, $dueDate::DATE)`,
			{
				id: bill.id,
				unit: bill.unit,
				area: bill.area,
				building: bill.building,
				feeType: bill.fee_type,
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

/** A bill; its building is the area's first, unless given. */
export const bill = (
	id: string,
	unit: string,
	period: string,
	due: number,
	dueDate: string,
	area = 'A',
	extra: Partial<BillRow> = {}
): BillRow => ({
	id,
	unit,
	area,
	building: `${area}1`,
	fee_type: 'management',
	period,
	due_date: dueDate,
	due,
	...extra
});

export const pay = (
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

const units = ['U1', 'U2', 'U3', 'U4'];
const unitPlaces: Record<string, [string, string]> = {
	U1: ['A', 'A1'],
	U2: ['A', 'A2'],
	U3: ['A', 'A2'],
	U4: ['B', 'B1']
};
const day = (offset: number) => shiftDay('2026-01-01', offset);

/**
 * Small random ledgers over 2026: bills of January to June due 0–40 days after their month starts, named,
 * unnamed and unknown-bill payments over eight months, an as-of day in that span, a scope, and a period of
 * one to three months somewhere in the year.
 */
export const ledgerArbitrary = fc
	.record({
		bills: fc.array(
			fc.record({
				unit: fc.constantFrom(...units),
				month: fc.nat(5),
				dueLag: fc.nat(40),
				due: fc.integer({ min: 1, max: 20000 }),
				feeType: fc.constantFrom('management', 'parking')
			}),
			{ maxLength: 10 }
		),
		payments: fc.array(
			fc.record({
				unit: fc.constantFrom(...units),
				billIndex: fc.option(fc.nat(11), { nil: null }),
				withArea: fc.boolean(),
				day: fc.nat(240),
				second: fc.nat(86_399),
				amount: fc.integer({ min: 1, max: 20000 })
			}),
			{ maxLength: 10 }
		),
		asOf: fc.nat(240),
		scope: fc.constantFrom(null, ['A'], ['B']),
		periodMonth: fc.nat(7),
		periodMonths: fc.constantFrom(1, 3)
	})
	.map(({ bills, payments, asOf, scope, periodMonth, periodMonths }) => {
		const billRows = bills.map((b, index) => {
			const period = `2026-0${b.month + 1}-01`;
			const [area, building] = unitPlaces[b.unit];
			return bill(
				`B${index}`,
				b.unit,
				period,
				b.due,
				day(daysBetween('2026-01-01', period) + b.dueLag),
				area,
				{
					building,
					fee_type: b.feeType
				}
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
				area: p.withArea ? unitPlaces[p.unit][0] : null,
				paid_at: time,
				amount: p.amount
			};
		});
		const start = `2026-0${periodMonth + 1}-01`;
		const endMonth = periodMonth + 1 + periodMonths;
		const end = endMonth > 12 ? '2027-01-01' : `2026-${String(endMonth).padStart(2, '0')}-01`;
		return {
			ledger: { bills: billRows, payments: paymentRows },
			asOf: day(asOf),
			scope,
			period: { start, end }
		};
	});
