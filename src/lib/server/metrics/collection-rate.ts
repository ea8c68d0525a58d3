import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { queryRows } from '$pipelines/db/database.ts';
import {
	addDays,
	addMonths,
	resolveComparisonPeriod,
	type DashboardFilters,
	type DateRange
} from '$lib/filters/dashboard-filters.ts';
import type { AreaScope } from '../scope.ts';
import { buildLedgerSql, selectFeePlaces } from './arrears-ledger.ts';
import { toRateFigure, type RateFigure } from './rate-figure.ts';

/**
 * Collection rate (收缴率) of a billing period P evaluated at day D (SPEC §5, Fees), on the ledger of
 * `arrears-ledger.ts`:
 * - The bills counted are those whose `period` month falls in P and that are due by D. Bills of P not yet
 *   due at D are left out of both bases (and reported as excluded): nobody is late on them yet.
 * - Amount basis = paid ÷ amount due over those bills, where paid is what the ledger applied to each bill by
 *   D — its own payments up to the amount due plus its share of the unit's unnamed payments. Overpayments
 *   and advance payments on bills not yet due do not count.
 * - Household basis = units whose every counted bill is paid in full ÷ units with a counted bill. A unit
 *   that paid one of two bills is not paid up.
 * - When P has bills but none is due by D, both rates are null and `notYetDue` is true, so the page can say
 *   "not yet due" instead of showing 0 %.
 */
export interface CollectionRate {
	/** The billing months counted. */
	period: DateRange;
	/** The day the bills are evaluated at (YYYY-MM-DD; payments made any time that day count). */
	asOf: string;
	/** Numerator: paid by D on the counted bills; denominator: their amount due. */
	amount: RateFigure;
	/** Numerator: units with every counted bill paid in full; denominator: units with a counted bill. */
	household: RateFigure;
	/** P has bills, but none is due by D. */
	notYetDue: boolean;
	/** Bills of P not yet due at D, left out of both bases. */
	excludedNotYetDue: { bills: number; amountDue: number };
}

/** A figure with the previous period (环比) and the same period last year (同比), each at its own as-of day. */
export interface CollectionRateComparison {
	current: CollectionRate;
	previous: CollectionRate;
	lastYear: CollectionRate;
}

/** A period and the day it is evaluated at. */
export interface CollectionTarget {
	period: DateRange;
	asOf: string;
}

/**
 * The previous period (环比) and the same period last year (同比), the dashboard's comparison periods, each
 * evaluated at D shifted back by as many days as its period starts before P: D' = D − (P.start −
 * comparison.start). Every period is then measured the same number of days after its billing month began,
 * so a young period is not set against a fully collected old one.
 */
export function resolveCollectionComparison(
	filters: DashboardFilters,
	period: DateRange,
	asOf: string
): { previous: CollectionTarget; lastYear: CollectionTarget } {
	const shifted = (comparison: DateRange): CollectionTarget => {
		const days = Math.round((Date.parse(period.start) - Date.parse(comparison.start)) / 86_400_000);
		return { period: comparison, asOf: addDays(asOf, -days) };
	};
	return {
		previous: shifted(resolveComparisonPeriod({ ...filters, compare: 'previous' }, period)),
		lastYear: shifted(resolveComparisonPeriod({ ...filters, compare: 'last-year' }, period))
	};
}

type CollectionGroup = 'none' | 'area' | 'month';

/** Expressions over `fee_bills`/`ledger_bills` columns; fixed text, never a request value. */
const groupSql: Record<CollectionGroup, string> = {
	none: `''`,
	area: 'area',
	month: `strftime(period, '%Y-%m')`
};

interface CollectionRow {
	target: number;
	grp: string;
	due: number;
	paid: number;
	unitsBilled: number;
	unitsPaid: number;
	billsNotYetDue: number;
	amountNotYetDue: number;
}

/**
 * The collection figures of several periods, each at its own as-of day, from one pass of the ledger over
 * all those days; per group (area, billing month) when asked.
 */
async function queryCollection(
	connection: DuckDBConnection,
	filters: DashboardFilters,
	scope: AreaScope,
	targets: readonly CollectionTarget[],
	group: CollectionGroup
): Promise<CollectionRow[]> {
	const asOfs = targets.map((target) => target.asOf);
	const ledger = buildLedgerSql(filters, scope, asOfs);
	const places = selectFeePlaces(filters, scope);
	const params: Record<string, DuckDBValue> = { ...ledger.params };
	const values = targets.map((target, index) => {
		params[`targetAsOf${index}`] = target.asOf;
		params[`targetStart${index}`] = target.period.start;
		params[`targetEnd${index}`] = target.period.end;
		return `(${index}, $targetAsOf${index}::DATE, $targetStart${index}::DATE, $targetEnd${index}::DATE)`;
	});
	const grp = groupSql[group];
	return queryRows<CollectionRow>(
		connection,
		`${ledger.sql},
		targets(target, target_as_of, target_start, target_end) AS (VALUES ${values.join(', ')}),
		by_unit AS (
			SELECT t.target, ${grp} AS grp, b.unit, sum(b.amount_due) AS due, sum(b.paid) AS paid,
				bool_and(b.outstanding = 0) AS paid_in_full
			FROM ledger_bills b
			JOIN targets t ON b.as_of = t.target_as_of AND b.period >= t.target_start AND b.period < t.target_end
			GROUP BY ALL),
		due_figures AS (
			SELECT target, grp, sum(due) AS due, sum(paid) AS paid, count(*) AS units_billed,
				count(*) FILTER (WHERE paid_in_full) AS units_paid
			FROM by_unit GROUP BY ALL),
		not_yet_due AS (
			SELECT t.target, ${grp} AS grp, count(*) AS bills, sum(b.amount_due) AS amount
			FROM fee_bills b
			JOIN targets t ON b.period >= t.target_start AND b.period < t.target_end AND b.due_date > t.target_as_of
			WHERE ${places.sql}
			GROUP BY ALL)
		SELECT coalesce(d.target, n.target)::INTEGER AS target, coalesce(d.grp, n.grp) AS grp,
			coalesce(d.due, 0)::DOUBLE AS due, coalesce(d.paid, 0)::DOUBLE AS paid,
			coalesce(d.units_billed, 0)::INTEGER AS unitsBilled, coalesce(d.units_paid, 0)::INTEGER AS unitsPaid,
			coalesce(n.bills, 0)::INTEGER AS billsNotYetDue, coalesce(n.amount, 0)::DOUBLE AS amountNotYetDue
		FROM due_figures d FULL JOIN not_yet_due n ON n.target = d.target AND n.grp = d.grp
		ORDER BY target, grp`,
		{ ...params, ...places.params }
	);
}

function toCollectionRate(target: CollectionTarget, row: CollectionRow | undefined): CollectionRate {
	const unitsBilled = row?.unitsBilled ?? 0;
	return {
		period: target.period,
		asOf: target.asOf,
		amount: toRateFigure(row?.paid ?? 0, row?.due ?? 0),
		household: toRateFigure(row?.unitsPaid ?? 0, unitsBilled),
		notYetDue: unitsBilled === 0 && (row?.billsNotYetDue ?? 0) > 0,
		excludedNotYetDue: { bills: row?.billsNotYetDue ?? 0, amountDue: row?.amountNotYetDue ?? 0 }
	};
}

/** Collection rate of the bills of `period` at `asOf`, on both bases (see `CollectionRate`). */
export async function computeCollectionRate(
	connection: DuckDBConnection,
	filters: DashboardFilters,
	scope: AreaScope,
	asOf: string,
	period: DateRange
): Promise<CollectionRate> {
	const target = { period, asOf };
	const [row] = await queryCollection(connection, filters, scope, [target], 'none');
	return toCollectionRate(target, row);
}

/**
 * The collection rate with 环比 and 同比, each comparison period at its shifted as-of day
 * (`resolveCollectionComparison`); one query.
 */
export async function computeCollectionRateComparison(
	connection: DuckDBConnection,
	filters: DashboardFilters,
	scope: AreaScope,
	asOf: string,
	period: DateRange
): Promise<CollectionRateComparison> {
	const { previous, lastYear } = resolveCollectionComparison(filters, period, asOf);
	const targets = [{ period, asOf }, previous, lastYear];
	const rows = await queryCollection(connection, filters, scope, targets, 'none');
	const [current, previousRate, lastYearRate] = targets.map((target, index) => {
		const row = rows.find((candidate) => candidate.target === index);
		return toCollectionRate(target, row);
	});
	return { current, previous: previousRate, lastYear: lastYearRate };
}

/**
 * "Collected to date": the collection rate of each of the 12 billing months ending with the month of P's
 * last day, all evaluated at the same D — older months have had longer to be paid. Oldest month first.
 */
export async function computeCollectionRateByMonth(
	connection: DuckDBConnection,
	filters: DashboardFilters,
	scope: AreaScope,
	asOf: string,
	period: DateRange
): Promise<CollectionRate[]> {
	const lastMonth = `${addDays(period.end, -1).slice(0, 7)}-01`;
	const months = Array.from({ length: 12 }, (_, index) => addMonths(lastMonth, index - 11));
	const span = { start: months[0], end: addMonths(lastMonth, 1) };
	const rows = await queryCollection(connection, filters, scope, [{ period: span, asOf }], 'month');
	return months.map((start) =>
		toCollectionRate(
			{ period: { start, end: addMonths(start, 1) }, asOf },
			rows.find((row) => row.grp === start.slice(0, 7))
		)
	);
}

/** The collection rate of P at D per area, areas in name order. */
export async function computeCollectionRateByArea(
	connection: DuckDBConnection,
	filters: DashboardFilters,
	scope: AreaScope,
	asOf: string,
	period: DateRange
): Promise<(CollectionRate & { area: string })[]> {
	const target = { period, asOf };
	const rows = await queryCollection(connection, filters, scope, [target], 'area');
	return rows.map((row) => ({ area: row.grp, ...toCollectionRate(target, row) }));
}
