import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '$pipelines/db/database.ts';
import {
	resolveComparisonPeriod,
	resolvePeriod,
	type DashboardFilters,
	type DateRange
} from '$lib/filters/dashboard-filters.ts';
import type { RecordTableParams } from '$lib/filters/record-table-params.ts';
import { withConnection } from '../database.ts';
import type { AreaScope } from '../scope.ts';
import {
	computeArrearsByFeeType,
	computeArrearsByPlace,
	computeArrearsReconciliation,
	type ArrearsPlace,
	type ArrearsPlaceLevel,
	type ArrearsReconciliation,
	type FeeTypeCollection
} from '../metrics/arrears-breakdown.ts';
import { computeArrearsByAging, type ArrearsByAging } from '../metrics/arrears-ledger.ts';
import {
	computeArrearsByPeriodAge,
	computeArrearsRecovery,
	computeUnitsNewlyInArrears,
	type ArrearsByPeriodAge,
	type ArrearsRecovery,
	type UnitNewlyInArrears
} from '../metrics/arrears-recovery.ts';
import { listArrearsUnits, type ArrearsUnit } from '../metrics/arrears-units.ts';
import {
	computeCollectionRateByArea,
	computeCollectionRateByMonth,
	computeCollectionRateComparison,
	type CollectionRate,
	type CollectionRateComparison
} from '../metrics/collection-rate.ts';
import type { RecordPage } from '../metrics/complaint-records.ts';

export interface ArrearsDashboard {
	/** The ledger's day D: the URL's as-of day, else the latest payment date in the data. */
	asOf: string;
	period: DateRange;
	comparison: DateRange;
	reconciliation: ArrearsReconciliation;
	aging: ArrearsByAging;
	/** Where the drill stands: areas, the buildings of the chosen area(s), or the units of the chosen building(s). */
	placeLevel: ArrearsPlaceLevel;
	places: ArrearsPlace[];
	/** Aging buckets per area, for the stacked bars (always by area, whatever the drill level). */
	areas: ArrearsPlace[];
	collection: CollectionRateComparison;
	collectionByMonth: CollectionRate[];
	collectionByArea: (CollectionRate & { area: string })[];
	recovery: ArrearsRecovery;
	periodAge: ArrearsByPeriodAge;
	feeTypes: FeeTypeCollection[];
	newlyInArrears: { units: UnitNewlyInArrears[]; count: number; outstanding: number };
	units: RecordPage<ArrearsUnit>;
}

/** The latest day the fee ledger knows of: relative periods count from it unless the URL names a day. */
export async function findLatestFeeDate(connection: DuckDBConnection): Promise<string> {
	const [row] = await queryRows<{ day: string | null }>(
		connection,
		'SELECT max(paid_at)::DATE::VARCHAR AS day FROM payments'
	);
	return row.day ?? new Date().toISOString().slice(0, 10);
}

/** Areas → buildings → units: the drill follows the page's place filters. */
export function choosePlaceLevel(filters: DashboardFilters): ArrearsPlaceLevel {
	if (filters.building.length > 0) return 'unit';
	if (filters.area.length > 0) return 'building';
	return 'area';
}

/** Everything the arrears page shows for the caller's scope, the page's places and period, at day D. */
export async function loadArrearsDashboard(
	filters: DashboardFilters,
	scope: AreaScope,
	table: RecordTableParams
): Promise<ArrearsDashboard> {
	return withConnection(async (connection) => {
		const asOf = filters.asOf ?? (await findLatestFeeDate(connection));
		const period = resolvePeriod(filters, asOf);
		const args = [connection, filters, scope, asOf] as const;
		const placeLevel = choosePlaceLevel(filters);
		const places = await computeArrearsByPlace(...args, placeLevel);
		return {
			asOf,
			period,
			comparison: resolveComparisonPeriod(filters, period),
			reconciliation: await computeArrearsReconciliation(...args),
			aging: await computeArrearsByAging(...args),
			placeLevel,
			places,
			areas: placeLevel === 'area' ? places : await computeArrearsByPlace(...args, 'area'),
			collection: await computeCollectionRateComparison(...args, period),
			collectionByMonth: await computeCollectionRateByMonth(...args, period),
			collectionByArea: await computeCollectionRateByArea(...args, period),
			recovery: await computeArrearsRecovery(...args, period),
			periodAge: await computeArrearsByPeriodAge(...args, period),
			feeTypes: await computeArrearsByFeeType(...args, period),
			newlyInArrears: await computeUnitsNewlyInArrears(...args, period),
			units: await listArrearsUnits(...args, table)
		};
	});
}
