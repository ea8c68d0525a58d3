import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '$pipelines/db/database.ts';
import type { DashboardFilters, DateRange } from '$lib/filters/dashboard-filters.ts';
import type { AreaScope } from '../scope.ts';
import {
	agingBucketSql,
	agingBuckets,
	buildLedgerSql,
	computeArrearsTotals,
	type AgingBucket,
	type ArrearsTotals
} from './arrears-ledger.ts';
import { toRateFigure, type RateFigure } from './rate-figure.ts';

export type ArrearsPlaceLevel = 'area' | 'building' | 'unit';

/** One place's arrears at D; every amount comes from the ledger's per-bill outstanding balances. */
export interface ArrearsPlace {
	area: string;
	/** Null at area level (and for bills without a building). */
	building: string | null;
	/** Null except at unit level. */
	unit: string | null;
	/** Everything outstanding at D, including bills due on D itself (as total arrears does). */
	outstanding: number;
	/** Outstanding on bills more than 180 days past due. */
	outstandingOver180Days: number;
	/** Units with an outstanding balance on a bill past due (due before D). */
	unitsInArrears: number;
	/** Bills past due with an outstanding balance. */
	billsPastDue: number;
	/** Outstanding per aging bucket (days past due at D), so places can be stacked by bucket. */
	buckets: Record<AgingBucket, number>;
}

const placeColumns: Record<ArrearsPlaceLevel, string> = {
	area: 'area, NULL::VARCHAR AS building, NULL::VARCHAR AS unit',
	building: 'area, building, NULL::VARCHAR AS unit',
	unit: 'min(area) AS area, min(building) AS building, unit'
};
const placeGroups: Record<ArrearsPlaceLevel, string> = {
	area: 'area',
	building: 'area, building',
	unit: 'unit'
};

/**
 * Arrears at D per area, building or unit, largest first. Areas and buildings with a bill due by D are all
 * listed (a clean area shows as zero); at unit level only units with something outstanding.
 */
export async function computeArrearsByPlace(
	connection: DuckDBConnection,
	filters: DashboardFilters,
	scope: AreaScope,
	asOf: string,
	level: ArrearsPlaceLevel
): Promise<ArrearsPlace[]> {
	const ledger = buildLedgerSql(filters, scope, asOf);
	const bucketColumns = agingBuckets
		.map(
			(bucket, index) =>
				`coalesce(sum(outstanding) FILTER (WHERE bucket = '${bucket}'), 0)::DOUBLE AS bucket${index}`
		)
		.join(', ');
	const rows = await queryRows<
		Omit<ArrearsPlace, 'buckets'> & Record<`bucket${number}`, number> & Record<string, unknown>
	>(
		connection,
		`${ledger.sql},
		aged AS (
			SELECT *, CASE WHEN days_past_due >= 1 THEN ${agingBucketSql} END AS bucket FROM ledger_bills)
		SELECT ${placeColumns[level]}, sum(outstanding)::DOUBLE AS outstanding,
			coalesce(sum(outstanding) FILTER (WHERE days_past_due > 180), 0)::DOUBLE AS outstandingOver180Days,
			count(DISTINCT unit) FILTER (WHERE bucket IS NOT NULL AND outstanding > 0)::INTEGER AS unitsInArrears,
			count(*) FILTER (WHERE bucket IS NOT NULL AND outstanding > 0)::INTEGER AS billsPastDue,
			${bucketColumns}
		FROM aged GROUP BY ${placeGroups[level]}
		${level === 'unit' ? 'HAVING sum(outstanding) > 0' : ''}
		ORDER BY outstanding DESC, area, building, unit`,
		ledger.params
	);
	return rows.map((row) => ({
		area: row.area,
		building: row.building,
		unit: row.unit,
		outstanding: row.outstanding,
		outstandingOver180Days: row.outstandingOver180Days,
		unitsInArrears: row.unitsInArrears,
		billsPastDue: row.billsPastDue,
		buckets: Object.fromEntries(
			agingBuckets.map((bucket, index) => [bucket, row[`bucket${index}`] as number])
		) as Record<AgingBucket, number>
	}));
}

/** One fee type's bills of P at D, and its arrears over every period. */
export interface FeeTypeCollection {
	feeType: string;
	/** Amount due on the bills of P due by D. */
	due: number;
	/** Applied by D to those bills (as the collection rate counts it). */
	paid: number;
	outstanding: number;
	/** Amount basis: paid ÷ due on the bills of P due by D; null while none is due. */
	collectionRate: RateFigure;
	/** Outstanding at D on bills of every period. */
	outstandingAllPeriods: number;
}

/**
 * Collection and arrears per fee type (物业费, 停车费, …) — the same bills as `computeCollectionRate`
 * (period in P, due by D), plus each type's arrears at D whatever the period. Largest arrears first.
 */
export async function computeArrearsByFeeType(
	connection: DuckDBConnection,
	filters: DashboardFilters,
	scope: AreaScope,
	asOf: string,
	period: DateRange
): Promise<FeeTypeCollection[]> {
	const ledger = buildLedgerSql(filters, scope, asOf);
	const inPeriod = 'period >= $periodStart::DATE AND period < $periodEnd::DATE';
	const rows = await queryRows<Omit<FeeTypeCollection, 'collectionRate'>>(
		connection,
		`${ledger.sql}
		SELECT fee_type AS feeType,
			coalesce(sum(amount_due) FILTER (WHERE ${inPeriod}), 0)::DOUBLE AS due,
			coalesce(sum(paid) FILTER (WHERE ${inPeriod}), 0)::DOUBLE AS paid,
			coalesce(sum(outstanding) FILTER (WHERE ${inPeriod}), 0)::DOUBLE AS outstanding,
			sum(outstanding)::DOUBLE AS outstandingAllPeriods
		FROM ledger_bills GROUP BY fee_type
		ORDER BY outstandingAllPeriods DESC, feeType`,
		{ ...ledger.params, periodStart: period.start, periodEnd: period.end }
	);
	return rows.map((row) => ({ ...row, collectionRate: toRateFigure(row.paid, row.due) }));
}

/** The ledger totals with the SPEC invariant checked: total due − total paid = arrears + overpayments. */
export interface ArrearsReconciliation extends ArrearsTotals {
	/** Total due − total paid − total arrears − total overpayments (overpayments a credit, ≤ 0). */
	difference: number;
	/** |difference| < ¥0.005. */
	holds: boolean;
}

export async function computeArrearsReconciliation(
	connection: DuckDBConnection,
	filters: DashboardFilters,
	scope: AreaScope,
	asOf: string
): Promise<ArrearsReconciliation> {
	const totals = await computeArrearsTotals(connection, filters, scope, asOf);
	const difference = totals.totalDue - totals.totalPaid - totals.totalArrears - totals.totalOverpayments;
	return { ...totals, difference, holds: Math.abs(difference) < 0.005 };
}
