/**
 * Monthly bills (management fee per m², parking) and payments with realistic payer behaviour, and the
 * planted long-aged arrears of one office tower.
 */
import {
	DATA_END,
	MS_DAY,
	MS_HOUR,
	MS_MINUTE,
	formatCompactDate,
	listDataMonths,
	type MonthSlot
} from './dates.ts';
import { ARREARS_AREA, type AreaKind, type Places, type Unit } from './places.ts';
import type { Rng } from './random.ts';

export interface BillRecord {
	id: string;
	unit: string;
	area: string;
	building: string;
	feeType: '物业费' | '停车费';
	/** 'YYYY-MM' */
	period: string;
	periodYear: number;
	amountCents: number;
	dueAt: number;
}

export interface PaymentRecord {
	id: string;
	billId: string;
	/** The cashier recorded only the unit: 账单编号 is written empty and the pipeline allocates it. */
	unlinked: boolean;
	unit: string;
	area: string;
	amountCents: number;
	paidAt: number;
	method: string;
}

export interface FeeData {
	bills: BillRecord[];
	payments: PaymentRecord[];
}

type Profile = 'punctual' | 'late' | 'prepay' | 'partial' | 'chronic' | 'stopped';

/**
 * Planted pattern 3: this share of 科技大厦's units pays nothing for any period from a stop month drawn
 * uniformly from 2024-09 … 2025-08 onwards (so their last payment is more than 12 months before today).
 */
export const ARREARS_PLAN = {
	area: ARREARS_AREA,
	stoppedShare: 0.4,
	stopFrom: '2024-09',
	stopTo: '2025-08'
} as const;
/** Share of payments (outside the ledger year) whose 账单编号 is left empty. */
export const UNLINKED_PAYMENT_SHARE = 0.05;
/** The year exported as a combined ledger (bill + payment on one row). */
export const LEDGER_YEAR = 2024;

const PROFILES: Profile[] = ['punctual', 'late', 'prepay', 'partial', 'chronic'];
const PROFILE_WEIGHTS: Record<AreaKind | 'vacant', number[]> = {
	residential: [61, 20, 7, 9, 3],
	office: [56, 28, 3, 10, 3],
	retail: [54, 28, 2, 12, 4],
	vacant: [32, 45, 3, 10, 10]
};
const METHODS = ['微信', '支付宝', '银行转账', '银行代扣', 'POS刷卡', '现金'];
const METHOD_WEIGHTS: Record<AreaKind, number[]> = {
	residential: [40, 22, 8, 12, 10, 8],
	office: [12, 6, 60, 12, 8, 2],
	retail: [25, 15, 35, 10, 12, 3]
};

function computeDueDate(slot: MonthSlot): number {
	return Date.UTC(slot.year, slot.month + 1, 15);
}

/** Bills in period order (the order of the files), and the same bills per unit. */
function buildBills(places: Places, months: MonthSlot[]): { all: BillRecord[]; perUnit: BillRecord[][] } {
	const all: BillRecord[] = [];
	const perUnit: BillRecord[][] = places.units.map(() => []);
	const rates = new Map(places.areas.map((a) => [a.name, a.feeRate]));
	for (const slot of months) {
		const compact = slot.key.replace('-', '');
		const dueAt = computeDueDate(slot);
		let mgmtSeq = 0;
		let parkingSeq = 0;
		for (const unit of places.units) {
			const management: BillRecord = {
				id: `WY${compact}${String(++mgmtSeq).padStart(5, '0')}`,
				unit: unit.code,
				area: unit.area,
				building: unit.building,
				feeType: '物业费',
				period: slot.key,
				periodYear: slot.year,
				amountCents: Math.round(unit.floorArea * (rates.get(unit.area) ?? 2.5) * 100),
				dueAt
			};
			all.push(management);
			perUnit[unit.index].push(management);
			if (unit.parkingFee > 0) {
				const parking: BillRecord = {
					...management,
					id: `TC${compact}${String(++parkingSeq).padStart(5, '0')}`,
					feeType: '停车费',
					amountCents: unit.parkingFee * 100
				};
				all.push(parking);
				perUnit[unit.index].push(parking);
			}
		}
	}
	return { all, perUnit };
}

interface PaymentDraft {
	bill: BillRecord;
	amountCents: number;
	paidAt: number;
	method: string;
	overpaid: boolean;
}

function placeInBusinessHours(rng: Rng, day: number): number {
	return day + rng.drawInt(8, 20) * MS_HOUR + rng.drawInt(0, 59) * MS_MINUTE;
}

function drawOnTime(rng: Rng, bill: BillRecord, periodStart: number): number {
	const day = Math.max(periodStart + MS_DAY, bill.dueAt - rng.drawInt(0, 40) * MS_DAY);
	return placeInBusinessHours(rng, day);
}

function drawLate(rng: Rng, bill: BillRecord): number {
	return placeInBusinessHours(
		rng,
		bill.dueAt + Math.min(300, Math.ceil(rng.drawLogNormal(20, 0.8))) * MS_DAY
	);
}

interface UnitPlan {
	profile: Profile;
	/** First period index left unpaid for good (chronic and stopped payers). */
	stopIndex: number;
	/** Chronic payers who later clear their debt in one visit. */
	settlesAt: number | null;
}

function planUnit(rng: Rng, unit: Unit, stopped: Set<number>, months: MonthSlot[]): UnitPlan {
	if (stopped.has(unit.index)) {
		const from = months.findIndex((m) => m.key === ARREARS_PLAN.stopFrom);
		const to = months.findIndex((m) => m.key === ARREARS_PLAN.stopTo);
		return { profile: 'stopped', stopIndex: rng.drawInt(from, to), settlesAt: null };
	}
	const weights = PROFILE_WEIGHTS[unit.occupancy === '空置' ? 'vacant' : unit.areaKind];
	const profile = rng.pickWeighted(PROFILES, weights);
	if (profile !== 'chronic') return { profile, stopIndex: Infinity, settlesAt: null };
	const stopIndex = rng.drawInt(4, months.length - 4);
	const settleDay = months[stopIndex].start + rng.drawInt(180, 420) * MS_DAY;
	return {
		profile,
		stopIndex,
		settlesAt: rng.rollChance(0.4) && settleDay < DATA_END ? placeInBusinessHours(rng, settleDay) : null
	};
}

function draftUnitPayments(
	rng: Rng,
	unit: Unit,
	bills: BillRecord[],
	plan: UnitPlan,
	months: MonthSlot[]
): PaymentDraft[] {
	const drafts: PaymentDraft[] = [];
	const drawMethod = () => rng.pickWeighted(METHODS, METHOD_WEIGHTS[unit.areaKind]);
	const prepayDays = new Map<number, number>();
	const periodIndex = new Map(months.map((m, i) => [m.key, i]));
	for (const bill of bills) {
		const index = periodIndex.get(bill.period) as number;
		const periodStart = months[index].start;
		const pay = (amountCents: number, paidAt: number, overpaid = false) =>
			drafts.push({ bill, amountCents, paidAt, method: drawMethod(), overpaid });
		if (index >= plan.stopIndex) {
			if (plan.settlesAt !== null && plan.settlesAt > bill.dueAt) pay(bill.amountCents, plan.settlesAt);
			continue;
		}
		// A few bills are never paid by anybody: disputes, forgotten parking months.
		if (rng.rollChance(0.01)) continue;
		let profile = plan.profile === 'stopped' || plan.profile === 'chronic' ? 'late' : plan.profile;
		if (profile === 'prepay') {
			if (!prepayDays.has(bill.periodYear)) {
				const first = Math.max(months[0].start, Date.UTC(bill.periodYear - 1, 11, 1));
				prepayDays.set(bill.periodYear, placeInBusinessHours(rng, first + rng.drawInt(0, 40) * MS_DAY));
			}
			pay(bill.amountCents, prepayDays.get(bill.periodYear) as number);
			continue;
		}
		if (profile === 'punctual' && rng.rollChance(0.04)) profile = 'late';
		if (profile === 'partial' && rng.rollChance(0.3)) {
			const first = Math.round(bill.amountCents * rng.drawUniform(0.5, 0.9));
			const firstAt = drawOnTime(rng, bill, periodStart);
			pay(first, firstAt);
			if (rng.rollChance(0.75)) pay(bill.amountCents - first, firstAt + rng.drawInt(20, 120) * MS_DAY);
			continue;
		}
		const paidAt =
			profile === 'late' && rng.rollChance(0.55) ? drawLate(rng, bill) : drawOnTime(rng, bill, periodStart);
		// Occasionally a resident rounds the payment up to the next hundred yuan.
		if (bill.amountCents >= 10_000 && rng.rollChance(0.008)) {
			pay(Math.ceil(bill.amountCents / 10_000 + 0.01) * 10_000, paidAt, true);
		} else {
			pay(bill.amountCents, paidAt);
		}
	}
	return drafts.filter((d) => d.paidAt <= DATA_END);
}

/**
 * Payments whose 账单编号 may be left empty: only where the pipeline's rule (apply to the unit's oldest open
 * bill first) puts the money on the very bill it paid, so arrears stay exactly as generated. Bills are in
 * due-date order and balances only fall, so the oldest open bill is found by a pointer that only advances.
 */
function listUnlinkable(drafts: PaymentDraft[], bills: BillRecord[]): PaymentDraft[] {
	const position = new Map(bills.map((b, i) => [b, i]));
	const outstanding = bills.map((b) => b.amountCents);
	const unlinkable: PaymentDraft[] = [];
	let oldest = 0;
	for (const draft of [...drafts].sort((x, y) => x.paidAt - y.paidAt)) {
		const i = position.get(draft.bill) as number;
		while (oldest < bills.length && outstanding[oldest] <= 0) oldest++;
		let tie = oldest + 1;
		while (
			tie < bills.length &&
			(tie === i || outstanding[tie] <= 0) &&
			bills[tie].dueAt === bills[oldest].dueAt
		)
			tie++;
		const sameDueOpen = tie < bills.length && bills[tie].dueAt === bills[oldest].dueAt;
		const eligible =
			i === oldest &&
			!sameDueOpen &&
			draft.bill.periodYear !== LEDGER_YEAR &&
			!draft.overpaid &&
			draft.amountCents <= outstanding[i];
		if (eligible) unlinkable.push(draft);
		outstanding[i] -= draft.amountCents;
	}
	return unlinkable;
}

export function buildFees(rng: Rng, places: Places): FeeData {
	const months = listDataMonths();
	const { all: bills, perUnit: billsByUnit } = buildBills(places, months);
	const tower = places.units.filter((u) => u.area === ARREARS_PLAN.area);
	const stoppedCount = Math.round(tower.length * ARREARS_PLAN.stoppedShare);
	const stopped = new Set(
		rng
			.fork('stopped')
			.sampleWithoutReplacement(tower, stoppedCount)
			.map((u) => u.index)
	);
	const planRng = rng.fork('plans');
	const payRng = rng.fork('payments');
	const drafts: { draft: PaymentDraft; unlinked: boolean; unit: Unit }[] = [];
	const unlinkable: PaymentDraft[] = [];
	for (const unit of places.units) {
		const unitBills = billsByUnit[unit.index];
		const plan = planUnit(planRng, unit, stopped, months);
		const unitDrafts = draftUnitPayments(payRng, unit, unitBills, plan, months);
		unlinkable.push(...listUnlinkable(unitDrafts, unitBills));
		for (const draft of unitDrafts) drafts.push({ draft, unlinked: false, unit });
	}
	// Choose exactly the planned share of the payments that go into payments files.
	const separate = drafts.filter((d) => d.draft.bill.periodYear !== LEDGER_YEAR).length;
	const chosen = new Set(
		rng.fork('unlinked').sampleWithoutReplacement(unlinkable, Math.round(separate * UNLINKED_PAYMENT_SHARE))
	);
	for (const entry of drafts) entry.unlinked = chosen.has(entry.draft);
	drafts.sort((x, y) => x.draft.paidAt - y.draft.paidAt);
	let day = '';
	let seq = 0;
	const payments = drafts.map(({ draft, unlinked, unit }) => {
		const compact = formatCompactDate(draft.paidAt);
		seq = compact === day ? seq + 1 : 1;
		day = compact;
		return {
			id: `SK${compact}${String(seq).padStart(5, '0')}`,
			billId: draft.bill.id,
			unlinked,
			unit: unit.code,
			area: unit.area,
			amountCents: draft.amountCents,
			paidAt: draft.paidAt,
			method: draft.method
		};
	});
	return { bills, payments };
}
