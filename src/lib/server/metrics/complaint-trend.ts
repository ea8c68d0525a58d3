import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '$pipelines/db/database.ts';
import type { DashboardFilters, DateRange } from '$lib/filters/dashboard-filters.ts';
import type { AreaScope } from '../scope.ts';
import { selectComplaints } from './record-selection.ts';
import { hotspotRule } from './complaint-hotspots.ts';

export interface TrendMonth {
	/** First day of the month (YYYY-MM-01). */
	month: string;
	count: number;
	/** Mean of the 12 months before this one. */
	baseline: number;
	/** A spike by the hotspot rule: ≥ 2 Poisson sd and ≥ 3 complaints above the baseline. */
	spike: boolean;
}

function shiftMonth(month: string, by: number): string {
	const [year, m] = month.split('-').map(Number);
	return new Date(Date.UTC(year, m - 1 + by, 1)).toISOString().slice(0, 10);
}

/**
 * Complaints per month for the 12 months ending with the period's last month, each judged against the
 * mean of its own previous 12 months (so the query reads 24 months).
 */
export async function computeComplaintTrend(
	connection: DuckDBConnection,
	filters: DashboardFilters,
	scope: AreaScope,
	period: DateRange
): Promise<TrendMonth[]> {
	const lastMonth = shiftMonth(period.end.slice(0, 7) + '-01', period.end.endsWith('-01') ? -1 : 0);
	const firstShown = shiftMonth(lastMonth, -11);
	const firstRead = shiftMonth(firstShown, -hotspotRule.baselineMonths);
	const selection = selectComplaints(filters, scope, { start: firstRead, end: shiftMonth(lastMonth, 1) });
	const rows = await queryRows<{ month: string; count: number }>(
		connection,
		`SELECT date_trunc('month', received_at)::DATE::VARCHAR AS month, count(*)::INTEGER AS count
		FROM complaints WHERE ${selection.sql} GROUP BY 1`,
		selection.params
	);
	const counts = new Map(rows.map((r) => [r.month, r.count]));
	const months: TrendMonth[] = [];
	for (let i = 0; i < 12; i++) {
		const month = shiftMonth(firstShown, i);
		let total = 0;
		for (let back = 1; back <= hotspotRule.baselineMonths; back++)
			total += counts.get(shiftMonth(month, -back)) ?? 0;
		const baseline = total / hotspotRule.baselineMonths;
		const count = counts.get(month) ?? 0;
		const excess = count - baseline;
		months.push({
			month,
			count,
			baseline,
			spike: excess >= hotspotRule.minSigmas * Math.sqrt(baseline) && excess >= hotspotRule.minExcess
		});
	}
	return months;
}
