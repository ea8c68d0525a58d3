import { LEDGER_YEAR, type FeeData, type PaymentRecord } from '../../pipelines/demo/fees.demo.ts';

const msDay = 86_400_000;

/**
 * The payments as the demo files carry them: bills of the ledger year are exported one row per bill, with
 * all of that bill's payments summed and dated by the last one, and always naming their bill; every other
 * payment is its own row, with the bill left empty when the cashier recorded only the unit.
 */
function listPaymentsAsFiled(fees: FeeData): PaymentRecord[] {
	const ledgerBills = new Set(
		fees.bills.filter((bill) => bill.periodYear === LEDGER_YEAR).map((bill) => bill.id)
	);
	const merged = new Map<string, PaymentRecord>();
	const separate: PaymentRecord[] = [];
	for (const payment of fees.payments) {
		if (!ledgerBills.has(payment.billId)) {
			separate.push(payment);
			continue;
		}
		const entry = merged.get(payment.billId);
		if (!entry) merged.set(payment.billId, { ...payment, unlinked: false });
		else {
			entry.amountCents += payment.amountCents;
			entry.paidAt = Math.max(entry.paidAt, payment.paidAt);
		}
	}
	return [...merged.values(), ...separate];
}

/**
 * Total arrears at day D straight from SPEC §5, in cents, over the generator's records: per bill due by D,
 * amount due − what was paid for that bill by the end of D (never below 0); payments without a bill then
 * fill the unit's open bills oldest first. Written without the server's ledger SQL, to check it.
 */
export function computeDemoArrearsCents(fees: FeeData, asOf: string): number {
	const endOfDay = Date.parse(`${asOf}T00:00:00Z`) + msDay;
	const due = fees.bills.filter((bill) => bill.dueAt < endOfDay);
	const dueIds = new Set(due.map((bill) => bill.id));
	const paidByBill = new Map<string, number>();
	const unnamedByUnit = new Map<string, number>();
	for (const payment of listPaymentsAsFiled(fees)) {
		if (payment.paidAt >= endOfDay) continue;
		if (payment.unlinked) {
			unnamedByUnit.set(payment.unit, (unnamedByUnit.get(payment.unit) ?? 0) + payment.amountCents);
		} else if (dueIds.has(payment.billId)) {
			paidByBill.set(payment.billId, (paidByBill.get(payment.billId) ?? 0) + payment.amountCents);
		}
	}
	const oldestFirst = [...due].sort(
		(a, b) => a.period.localeCompare(b.period) || a.dueAt - b.dueAt || a.id.localeCompare(b.id)
	);
	let total = 0;
	for (const bill of oldestFirst) {
		let open = Math.max(0, bill.amountCents - (paidByBill.get(bill.id) ?? 0));
		const unnamed = unnamedByUnit.get(bill.unit) ?? 0;
		const applied = Math.min(open, unnamed);
		unnamedByUnit.set(bill.unit, unnamed - applied);
		open -= applied;
		total += open;
	}
	return total;
}
