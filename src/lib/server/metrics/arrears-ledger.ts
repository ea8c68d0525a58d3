import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { queryRows } from '$pipelines/db/database.ts';
import type { DashboardFilters } from '$lib/filters/dashboard-filters.ts';
import { buildScopeCondition, type AreaScope } from '../scope.ts';
import type { SqlCondition } from './record-selection.ts';

/**
 * The fee ledger as of day D (SPEC §5, Fees), the ground the arrears dashboard stands on.
 *
 * Rules, in the order they apply:
 * - Bills count when due by D (`due_date <= D`); payments count when paid by the end of day D.
 * - A payment naming a bill is applied to that bill first — it is the payer's own instruction, so an
 *   unnamed payment never displaces it. What it pays beyond the bill is the unit's overpayment.
 * - A payment naming a bill not yet due at D is an advance and left out with that bill; one naming a bill
 *   that does not exist is treated as unnamed (applied by its unit). One with neither bill nor unit belongs
 *   to nobody and is left out.
 * - Unnamed payments of a unit, taken in paid_at order, fill the unit's open bills oldest first (period,
 *   due date, id), splitting a payment where needed. Filling in order only moves the total, so each bill's
 *   share is `min(open, unnamed total − open amount of the older bills)`, a window sum in SQL. Bills that
 *   named payments already settled add nothing to that sum, so the window (the ledger's costliest step)
 *   runs over the open ones only — a small share of the bills in practice.
 * - Whatever is left once every due bill of the unit is paid is the unit's overpayment.
 * - A payment's place is its bill's place, else its own area/building, else that of its unit's bills, so
 *   scope and the page's area/building filters select payments as they select bills.
 */

export interface BillBalance {
	billId: string;
	unit: string;
	area: string;
	building: string | null;
	feeType: string;
	/** YYYY-MM-DD */
	period: string;
	/** YYYY-MM-DD */
	dueDate: string;
	amountDue: number;
	/** Applied to this bill by D: its own payments up to the amount due plus its share of unnamed ones. */
	paid: number;
	/** Amount due − paid; never negative. */
	outstanding: number;
	/** D − due date in days; 0 for a bill due on D. */
	daysPastDue: number;
}

export interface UnitOverpayment {
	unit: string;
	area: string | null;
	building: string | null;
	/** Paid by D beyond every due bill of the unit (a positive amount). */
	amount: number;
}

export interface BillBalances {
	bills: BillBalance[];
	overpayments: UnitOverpayment[];
}

/**
 * Sign convention: SPEC §5 states "total due − total paid = total arrears + overpayments". With total
 * paid counting every payment (applied + overpaid), that holds only when overpayments are a credit, so
 * `totalOverpayments` is reported as a credit balance: zero or negative (−120 means 120 overpaid).
 */
export interface ArrearsTotals {
	totalDue: number;
	/** Every payment in the ledger: applied to bills plus overpaid. */
	totalPaid: number;
	/** Sum of outstanding amounts of bills due by D; never negative. */
	totalArrears: number;
	/** Credit balance of overpaying units: zero or negative (see above). */
	totalOverpayments: number;
}

export const agingBuckets = ['1-30', '31-90', '91-180', '181-365', 'over-365'] as const;
export type AgingBucket = (typeof agingBuckets)[number];

/** Upper edge (inclusive) of each bucket in days past due; the last one is open-ended. */
const bucketUpperDays: readonly [AgingBucket, number][] = [
	['1-30', 30],
	['31-90', 90],
	['91-180', 180],
	['181-365', 365],
	['over-365', Infinity]
];

/** A bill's aging bucket; null while it is not past due (due on D or later). */
export function agingBucketOf(daysPastDue: number): AgingBucket | null {
	if (daysPastDue < 1) return null;
	return bucketUpperDays.find(([, upper]) => daysPastDue <= upper)![0];
}

/** The same bucketing in SQL over a `days_past_due` column (≥ 1), built from the one table of edges above. */
export const agingBucketSql = `CASE ${bucketUpperDays
	.slice(0, -1)
	.map(([bucket, upper]) => `WHEN days_past_due <= ${upper} THEN '${bucket}'`)
	.join(' ')} ELSE 'over-365' END`;

export interface ArrearsByAging {
	/** Arrears of bills past due, per bucket, in bucket order. */
	buckets: { bucket: AgingBucket; arrears: number; bills: number }[];
	/** Arrears of bills due on D itself: counted in total arrears but not yet past due. */
	dueToday: number;
}

/** The page's area/building filters and the caller's scope, over a table's place columns. */
export function selectFeePlaces(filters: DashboardFilters, scope: AreaScope): SqlCondition {
	const scopeCondition = buildScopeCondition(scope);
	const parts = [scopeCondition.sql];
	const params: Record<string, DuckDBValue> = { ...scopeCondition.params };
	for (const key of ['area', 'building'] as const) {
		if (filters[key].length === 0) continue;
		parts.push(`${key} IN (SELECT unnest($${key}::VARCHAR[]))`);
		params[key] = JSON.stringify(filters[key]);
	}
	return { sql: parts.join(' AND '), params };
}

/**
 * The ledger as CTEs, for one or several as-of days at once: `ledger_bills` (one row per as-of day and
 * bill due by it, with paid/outstanding, DECIMAL), `ledger_payments` (the payments counted at each day)
 * and `ledger_units` (per unit overpayment at each day), each with its `as_of`; and `placed_payments`
 * (every payment made by the latest day, with its unit and place, whatever it paid for). A metric that
 * needs balances at two days (the start of a period and D) reads both from one pass instead of running
 * the ledger twice. The parameters are those of the page's places plus `$asOfs`; a query adding its own
 * must not reuse those names.
 */
export function buildLedgerSql(
	filters: DashboardFilters,
	scope: AreaScope,
	asOf: string | readonly string[]
): SqlCondition {
	const places = selectFeePlaces(filters, scope);
	const asOfs = typeof asOf === 'string' ? [asOf] : [...asOf];
	const sql = `WITH as_of_days AS (SELECT DISTINCT unnest($asOfs::VARCHAR[])::DATE AS as_of),
		unit_places AS (
			SELECT unit, min(area) AS area, min(building) AS building FROM fee_bills GROUP BY unit),
		due_bills AS (
			SELECT d.as_of, b.id, b.unit, b.area, b.building, b.fee_type, b.period, b.due_date, b.amount_due
			FROM fee_bills b JOIN as_of_days d ON b.due_date <= d.as_of
			WHERE ${places.sql}),
		placed_payments AS (
			SELECT p.id, p.amount, p.paid_at, named.id AS bill_id, named.due_date AS bill_due_date,
				coalesce(named.unit, p.unit) AS unit,
				coalesce(named.area, p.area, u.area) AS area,
				coalesce(named.building, p.building, u.building) AS building
			FROM payments p
			LEFT JOIN fee_bills named ON named.id = p.bill_id
			LEFT JOIN unit_places u ON u.unit = coalesce(named.unit, p.unit)
			WHERE p.paid_at < (SELECT max(as_of) FROM as_of_days) + INTERVAL 1 DAY),
		ledger_payments AS (
			SELECT d.as_of, p.* FROM placed_payments p
			JOIN as_of_days d ON p.paid_at < d.as_of + INTERVAL 1 DAY AND (p.bill_id IS NULL OR p.bill_due_date <= d.as_of)
			WHERE p.unit IS NOT NULL AND ${places.sql}),
		named_paid AS (
			SELECT as_of, bill_id, sum(amount) AS paid FROM ledger_payments WHERE bill_id IS NOT NULL
			GROUP BY as_of, bill_id),
		unnamed_paid AS (
			SELECT as_of, unit, sum(amount) AS paid FROM ledger_payments WHERE bill_id IS NULL GROUP BY as_of, unit),
		opened AS (
			SELECT b.*, least(coalesce(n.paid, 0), b.amount_due) AS named_applied,
				greatest(b.amount_due - coalesce(n.paid, 0), 0) AS open_amount,
				greatest(coalesce(n.paid, 0) - b.amount_due, 0) AS named_excess
			FROM due_bills b LEFT JOIN named_paid n ON n.bill_id = b.id AND n.as_of = b.as_of),
		filled AS (
			SELECT o.*, 0::DECIMAL(38,2) AS unnamed_applied FROM opened o WHERE o.open_amount = 0
			UNION ALL
			SELECT o.*, least(o.open_amount, greatest(coalesce(u.paid, 0) - (sum(o.open_amount) OVER (
					PARTITION BY o.as_of, o.unit ORDER BY o.period, o.due_date, o.id ROWS UNBOUNDED PRECEDING)
					- o.open_amount), 0)) AS unnamed_applied
			FROM opened o LEFT JOIN unnamed_paid u ON u.unit = o.unit AND u.as_of = o.as_of
			WHERE o.open_amount > 0),
		ledger_bills AS (
			SELECT *, named_applied + unnamed_applied AS paid, open_amount - unnamed_applied AS outstanding,
				datediff('day', due_date, as_of) AS days_past_due
			FROM filled),
		ledger_units AS (
			SELECT as_of, unit, any_value(area) AS area, any_value(building) AS building,
				sum(amount) - coalesce((SELECT sum(b.paid) FROM ledger_bills b
					WHERE b.unit = p.unit AND b.as_of = p.as_of), 0) AS overpaid
			FROM ledger_payments p GROUP BY as_of, unit)`;
	return { sql, params: { ...places.params, asOfs: JSON.stringify(asOfs) } };
}

/** Every bill due by D with what was paid and what is outstanding, and every unit that overpaid. */
export async function computeBillBalances(
	connection: DuckDBConnection,
	filters: DashboardFilters,
	scope: AreaScope,
	/** YYYY-MM-DD; payments made any time that day count. */
	asOf: string
): Promise<BillBalances> {
	const ledger = buildLedgerSql(filters, scope, asOf);
	const bills = await queryRows<BillBalance>(
		connection,
		`${ledger.sql} SELECT id AS billId, unit, area, building, fee_type AS feeType, period::VARCHAR AS period,
			due_date::VARCHAR AS dueDate, amount_due::DOUBLE AS amountDue, paid::DOUBLE AS paid,
			outstanding::DOUBLE AS outstanding, days_past_due::INTEGER AS daysPastDue
		FROM ledger_bills ORDER BY unit, period, due_date, id`,
		ledger.params
	);
	const overpayments = await queryRows<UnitOverpayment>(
		connection,
		`${ledger.sql} SELECT unit, area, building, overpaid::DOUBLE AS amount
		FROM ledger_units WHERE overpaid > 0 ORDER BY unit`,
		ledger.params
	);
	return { bills, overpayments };
}

/**
 * The ledger's totals. Total paid is summed from the payments themselves, not from the allocation, so
 * the SPEC invariant `totalDue − totalPaid = totalArrears + totalOverpayments` is a real check.
 */
export async function computeArrearsTotals(
	connection: DuckDBConnection,
	filters: DashboardFilters,
	scope: AreaScope,
	asOf: string
): Promise<ArrearsTotals> {
	const ledger = buildLedgerSql(filters, scope, asOf);
	const [row] = await queryRows<ArrearsTotals>(
		connection,
		`${ledger.sql} SELECT
			coalesce((SELECT sum(amount_due) FROM ledger_bills), 0)::DOUBLE AS totalDue,
			coalesce((SELECT sum(amount) FROM ledger_payments), 0)::DOUBLE AS totalPaid,
			coalesce((SELECT sum(outstanding) FROM ledger_bills), 0)::DOUBLE AS totalArrears,
			(-coalesce((SELECT sum(overpaid) FROM ledger_units WHERE overpaid > 0), 0))::DOUBLE AS totalOverpayments`,
		ledger.params
	);
	return row;
}

/** Arrears at D per aging bucket (SPEC §5: 1–30, 31–90, 91–180, 181–365, > 365 days past due). */
export async function computeArrearsByAging(
	connection: DuckDBConnection,
	filters: DashboardFilters,
	scope: AreaScope,
	asOf: string
): Promise<ArrearsByAging> {
	const ledger = buildLedgerSql(filters, scope, asOf);
	const rows = await queryRows<{ bucket: AgingBucket | null; arrears: number; bills: number }>(
		connection,
		`${ledger.sql} SELECT CASE WHEN days_past_due < 1 THEN NULL ELSE ${agingBucketSql} END AS bucket,
			sum(outstanding)::DOUBLE AS arrears, count(*)::INTEGER AS bills
		FROM ledger_bills WHERE outstanding > 0 GROUP BY ALL`,
		ledger.params
	);
	return {
		buckets: agingBuckets.map((bucket) => {
			const row = rows.find((candidate) => candidate.bucket === bucket);
			return { bucket, arrears: row?.arrears ?? 0, bills: row?.bills ?? 0 };
		}),
		dueToday: rows.find((row) => row.bucket === null)?.arrears ?? 0
	};
}
