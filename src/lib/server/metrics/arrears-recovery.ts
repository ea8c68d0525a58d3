import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '$pipelines/db/database.ts';
import { addDays, type DashboardFilters, type DateRange } from '$lib/filters/dashboard-filters.ts';
import type { AreaScope } from '../scope.ts';
import { buildLedgerSql } from './arrears-ledger.ts';
import { toRateFigure, type RateFigure } from './rate-figure.ts';

/**
 * Arrears recovery (清欠率) for a period P at day D (SPEC §5, Fees). The arrears open at P's start are the
 * bills due by D0 = the day before P starts that have an outstanding balance at D0; recovery is how much of
 * that balance is gone at D: Σ (outstanding at D0 − outstanding at D) ÷ Σ outstanding at D0, over those
 * bills. Both balances come from the one ledger, so a payment during P on an old bill — named or applied
 * oldest-first — counts, and payments on P's own bills do not. A bill can in principle owe more at D than at
 * D0 (an older-period bill falling due in between takes unnamed money first); it then counts negatively.
 */
export interface ArrearsRecovery {
	period: DateRange;
	asOf: string;
	/** D0: the day before P starts (YYYY-MM-DD). */
	periodStartAsOf: string;
	/** Numerator: recovered by D; denominator: outstanding at D0 on the bills open then. */
	recovery: RateFigure;
	/** Bills open at D0. */
	billsOpenAtStart: number;
}

/** The day before the period starts: arrears "open at the period's start" are those of the evening before. */
function resolvePeriodStartAsOf(period: DateRange): string {
	return addDays(period.start, -1);
}

export async function computeArrearsRecovery(
	connection: DuckDBConnection,
	filters: DashboardFilters,
	scope: AreaScope,
	asOf: string,
	period: DateRange
): Promise<ArrearsRecovery> {
	const periodStartAsOf = resolvePeriodStartAsOf(period);
	const ledger = buildLedgerSql(filters, scope, [periodStartAsOf, asOf]);
	const [row] = await queryRows<{ openAtStart: number; recovered: number; bills: number }>(
		connection,
		`${ledger.sql}
		SELECT coalesce(sum(s.outstanding), 0)::DOUBLE AS openAtStart,
			coalesce(sum(s.outstanding - coalesce(e.outstanding, s.outstanding)), 0)::DOUBLE AS recovered,
			count(*)::INTEGER AS bills
		FROM ledger_bills s LEFT JOIN ledger_bills e ON e.id = s.id AND e.as_of = $recoveryEnd::DATE
		WHERE s.as_of = $recoveryStart::DATE AND s.outstanding > 0`,
		{ ...ledger.params, recoveryStart: periodStartAsOf, recoveryEnd: asOf }
	);
	return {
		period,
		asOf,
		periodStartAsOf,
		recovery: toRateFigure(row.recovered, row.openAtStart),
		billsOpenAtStart: row.bills
	};
}

/**
 * Arrears at D split by the bills' billing period (SPEC §5: current-period and prior-period arrears apart).
 * `later` holds bills of periods after P that are already due at D (none when P ends at D's month), so
 * current + prior + later = total arrears at D.
 */
export interface ArrearsByPeriodAge {
	current: number;
	prior: number;
	later: number;
	total: number;
}

export async function computeArrearsByPeriodAge(
	connection: DuckDBConnection,
	filters: DashboardFilters,
	scope: AreaScope,
	asOf: string,
	period: DateRange
): Promise<ArrearsByPeriodAge> {
	const ledger = buildLedgerSql(filters, scope, asOf);
	const [row] = await queryRows<ArrearsByPeriodAge>(
		connection,
		`${ledger.sql}
		SELECT
			coalesce(sum(outstanding) FILTER (WHERE period >= $periodStart::DATE AND period < $periodEnd::DATE), 0)::DOUBLE
				AS current,
			coalesce(sum(outstanding) FILTER (WHERE period < $periodStart::DATE), 0)::DOUBLE AS prior,
			coalesce(sum(outstanding) FILTER (WHERE period >= $periodEnd::DATE), 0)::DOUBLE AS later,
			coalesce(sum(outstanding), 0)::DOUBLE AS total
		FROM ledger_bills`,
		{ ...ledger.params, periodStart: period.start, periodEnd: period.end }
	);
	return row;
}

export interface UnitNewlyInArrears {
	unit: string;
	area: string;
	building: string | null;
	/** Outstanding at D on the unit's bills past due at D. */
	outstanding: number;
}

/**
 * Units that fell into arrears during P: some outstanding past due at D, none past due at D0 (the day before
 * P starts). Past due means due before the day evaluated, as in the aging buckets. Largest first.
 */
export async function computeUnitsNewlyInArrears(
	connection: DuckDBConnection,
	filters: DashboardFilters,
	scope: AreaScope,
	asOf: string,
	period: DateRange
): Promise<{ units: UnitNewlyInArrears[]; count: number; outstanding: number }> {
	const periodStartAsOf = resolvePeriodStartAsOf(period);
	const ledger = buildLedgerSql(filters, scope, [periodStartAsOf, asOf]);
	const units = await queryRows<UnitNewlyInArrears>(
		connection,
		`${ledger.sql},
		in_arrears AS (
			SELECT as_of, unit, min(area) AS area, min(building) AS building, sum(outstanding) AS outstanding
			FROM ledger_bills WHERE days_past_due >= 1 AND outstanding > 0 GROUP BY as_of, unit)
		SELECT unit, area, building, outstanding::DOUBLE AS outstanding
		FROM in_arrears
		WHERE as_of = $newlyEnd::DATE
			AND unit NOT IN (SELECT unit FROM in_arrears WHERE as_of = $newlyStart::DATE)
		ORDER BY outstanding DESC, unit`,
		{ ...ledger.params, newlyStart: periodStartAsOf, newlyEnd: asOf }
	);
	return {
		units,
		count: units.length,
		outstanding: units.reduce((sum, unit) => sum + unit.outstanding, 0)
	};
}
