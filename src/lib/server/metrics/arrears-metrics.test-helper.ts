import type { DateRange } from '$lib/filters/dashboard-filters.ts';
import type { AgingBucket } from './arrears-ledger.ts';
import {
	computeReferenceLedger,
	daysBetween,
	shiftDay,
	type Ledger,
	type ReferenceAreas,
	type ReferenceBill
} from './arrears-ledger.test-helper.ts';

/**
 * The arrears metrics computed in plain TypeScript from the reference ledger (amounts in cents), each as
 * its definition reads, for the tests to compare the SQL against.
 */

const inPeriod = (period: DateRange) => (bill: { period: string }) =>
	bill.period >= period.start && bill.period < period.end;
const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
const pastDueOwing = (bill: ReferenceBill) => bill.daysPastDue >= 1 && bill.outstanding > 0;

export interface ReferenceCollection {
	due: number;
	paid: number;
	unitsBilled: number;
	unitsPaid: number;
	billsNotYetDue: number;
	amountNotYetDue: number;
	notYetDue: boolean;
}

/** Collection of P's bills due by D, per group (one group '' unless a grouping is given). */
export function computeReferenceCollection(
	ledger: Ledger,
	asOf: string,
	period: DateRange,
	areas: ReferenceAreas,
	groupOf: (bill: { area: string; period: string }) => string = () => ''
): Map<string, ReferenceCollection> {
	const counted = computeReferenceLedger(ledger, asOf, areas).bills.filter(inPeriod(period));
	const notDue = ledger.bills.filter(
		(bill) => inPeriod(period)(bill) && bill.due_date > asOf && (areas === null || areas.includes(bill.area))
	);
	const groups = new Set([...counted.map(groupOf), ...notDue.map(groupOf)]);
	return new Map(
		[...groups].map((group) => {
			const bills = counted.filter((bill) => groupOf(bill) === group);
			const units = [...new Set(bills.map((bill) => bill.unit))];
			const pending = notDue.filter((bill) => groupOf(bill) === group);
			return [
				group,
				{
					due: sum(bills.map((bill) => bill.amountDue)),
					paid: sum(bills.map((bill) => bill.paid)),
					unitsBilled: units.length,
					unitsPaid: units.filter((unit) =>
						bills.filter((bill) => bill.unit === unit).every((bill) => bill.outstanding === 0)
					).length,
					billsNotYetDue: pending.length,
					amountNotYetDue: sum(pending.map((bill) => bill.due)),
					notYetDue: bills.length === 0 && pending.length > 0
				}
			];
		})
	);
}

/** Recovery: how much of what was open the evening before P is gone at D. */
export function computeReferenceRecovery(
	ledger: Ledger,
	asOf: string,
	period: DateRange,
	areas: ReferenceAreas
) {
	const atStart = computeReferenceLedger(ledger, shiftDay(period.start, -1), areas).bills;
	const atEnd = new Map(
		computeReferenceLedger(ledger, asOf, areas).bills.map((bill) => [bill.billId, bill.outstanding])
	);
	const open = atStart.filter((bill) => bill.outstanding > 0);
	return {
		openAtStart: sum(open.map((bill) => bill.outstanding)),
		recovered: sum(open.map((bill) => bill.outstanding - (atEnd.get(bill.billId) ?? bill.outstanding))),
		bills: open.length
	};
}

export function computeReferencePeriodAge(
	ledger: Ledger,
	asOf: string,
	period: DateRange,
	areas: ReferenceAreas
) {
	const bills = computeReferenceLedger(ledger, asOf, areas).bills;
	const owed = (keep: (bill: ReferenceBill) => boolean) =>
		sum(bills.filter(keep).map((bill) => bill.outstanding));
	return {
		current: owed(inPeriod(period)),
		prior: owed((bill) => bill.period < period.start),
		later: owed((bill) => bill.period >= period.end),
		total: owed(() => true)
	};
}

/** Past-due outstanding per unit at D (units with none left out). */
function owingUnits(ledger: Ledger, asOf: string, areas: ReferenceAreas) {
	const owing = new Map<string, number>();
	for (const bill of computeReferenceLedger(ledger, asOf, areas).bills.filter(pastDueOwing))
		owing.set(bill.unit, (owing.get(bill.unit) ?? 0) + bill.outstanding);
	return owing;
}

export function computeReferenceNewlyInArrears(
	ledger: Ledger,
	asOf: string,
	period: DateRange,
	areas: ReferenceAreas
) {
	const before = owingUnits(ledger, shiftDay(period.start, -1), areas);
	return [...owingUnits(ledger, asOf, areas)]
		.filter(([unit]) => !before.has(unit))
		.map(([unit, outstanding]) => ({ unit, outstanding }))
		.sort((a, b) => b.outstanding - a.outstanding || a.unit.localeCompare(b.unit));
}

export function referenceBucketOf(daysPastDue: number): AgingBucket | null {
	if (daysPastDue < 1) return null;
	if (daysPastDue <= 30) return '1-30';
	if (daysPastDue <= 90) return '31-90';
	if (daysPastDue <= 180) return '91-180';
	if (daysPastDue <= 365) return '181-365';
	return 'over-365';
}

export function computeReferenceByPlace(
	ledger: Ledger,
	asOf: string,
	areas: ReferenceAreas,
	level: 'area' | 'building' | 'unit'
) {
	const bills = computeReferenceLedger(ledger, asOf, areas).bills;
	const keyOf = (bill: ReferenceBill) =>
		level === 'area' ? bill.area : level === 'building' ? `${bill.area}/${bill.building}` : bill.unit;
	const places = new Map<string, ReferenceBill[]>();
	for (const bill of bills) places.set(keyOf(bill), [...(places.get(keyOf(bill)) ?? []), bill]);
	return [...places.values()]
		.map((placeBills) => {
			const first = placeBills[0];
			const owing = placeBills.filter(pastDueOwing);
			const bucketSum = (bucket: AgingBucket) =>
				sum(
					placeBills
						.filter((bill) => referenceBucketOf(bill.daysPastDue) === bucket)
						.map((bill) => bill.outstanding)
				);
			return {
				area: first.area,
				building: level === 'area' ? null : first.building,
				unit: level === 'unit' ? first.unit : null,
				outstanding: sum(placeBills.map((bill) => bill.outstanding)),
				outstandingOver180Days: sum(
					placeBills.filter((bill) => bill.daysPastDue > 180).map((bill) => bill.outstanding)
				),
				unitsInArrears: new Set(owing.map((bill) => bill.unit)).size,
				billsPastDue: owing.length,
				buckets: {
					'1-30': bucketSum('1-30'),
					'31-90': bucketSum('31-90'),
					'91-180': bucketSum('91-180'),
					'181-365': bucketSum('181-365'),
					'over-365': bucketSum('over-365')
				}
			};
		})
		.filter((place) => level !== 'unit' || place.outstanding > 0);
}

export function computeReferenceByFeeType(
	ledger: Ledger,
	asOf: string,
	period: DateRange,
	areas: ReferenceAreas
) {
	const bills = computeReferenceLedger(ledger, asOf, areas).bills;
	return [...new Set(bills.map((bill) => bill.feeType))].map((feeType) => {
		const ofType = bills.filter((bill) => bill.feeType === feeType);
		const ofPeriod = ofType.filter(inPeriod(period));
		return {
			feeType,
			due: sum(ofPeriod.map((bill) => bill.amountDue)),
			paid: sum(ofPeriod.map((bill) => bill.paid)),
			outstanding: sum(ofPeriod.map((bill) => bill.outstanding)),
			outstandingAllPeriods: sum(ofType.map((bill) => bill.outstanding))
		};
	});
}

/** The follow-up list, unsorted: every unit owing on a bill past due at D. */
export function computeReferenceArrearsUnits(ledger: Ledger, asOf: string, areas: ReferenceAreas) {
	const reference = computeReferenceLedger(ledger, asOf, areas);
	const owing = reference.bills.filter(pastDueOwing);
	return [...new Set(owing.map((bill) => bill.unit))].map((unit) => {
		const unitBills = owing.filter((bill) => bill.unit === unit);
		const periods = unitBills.map((bill) => bill.period).sort();
		const lastPaidAt = reference.unitPayments
			.filter((payment) => payment.unit === unit)
			.map((payment) => payment.paidAt.slice(0, 10))
			.sort()
			.at(-1);
		return {
			unit,
			area: unitBills[0].area,
			building: unitBills[0].building,
			outstanding: sum(unitBills.map((bill) => bill.outstanding)),
			monthsOwed: new Set(periods).size,
			oldestUnpaidPeriod: periods[0],
			lastPaymentAt: lastPaidAt ?? null,
			daysSinceLastPayment: lastPaidAt ? daysBetween(lastPaidAt, asOf) : null
		};
	});
}
