import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '$pipelines/db/database.ts';
import type { DashboardFilters, DateRange } from '$lib/filters/dashboard-filters.ts';
import type { AreaScope } from '../scope.ts';
import { selectComplaints } from './record-selection.ts';

export interface HotspotCell {
	area: string;
	category: string;
	count: number;
	/** Expected count for a period this long: the cell's trailing-12-month monthly mean × the period's months. */
	baseline: number;
	/** Poisson standard deviation of the baseline (its square root). */
	sd: number;
	flagged: boolean;
	/** Flagged in the comparison period too (chronic) or only now (new). */
	status: 'new' | 'chronic' | null;
}

/** SPEC §5: at least 2 standard deviations and at least 3 complaints above the baseline. */
export const hotspotRule = { minSigmas: 2, minExcess: 3, baselineMonths: 12 } as const;

function monthsBetween(range: DateRange): number {
	const days = (Date.parse(range.end) - Date.parse(range.start)) / 86_400_000;
	return days / (365.25 / 12);
}

function shiftMonths(iso: string, months: number): string {
	const [year, month, day] = iso.split('-').map(Number);
	return new Date(Date.UTC(year, month - 1 + months, day)).toISOString().slice(0, 10);
}

async function countCells(
	connection: DuckDBConnection,
	filters: DashboardFilters,
	scope: AreaScope,
	period: DateRange
): Promise<Map<string, { area: string; category: string; count: number; baselineCount: number }>> {
	const baselinePeriod = { start: shiftMonths(period.start, -hotspotRule.baselineMonths), end: period.start };
	const current = selectComplaints(filters, scope, period);
	const baseline = selectComplaints(filters, scope, baselinePeriod, 'baseline');
	const rows = await queryRows<{ area: string; category: string; count: number; baseline_count: number }>(
		connection,
		`WITH in_period AS (SELECT area, category, count(*) AS n FROM complaints WHERE ${current.sql} GROUP BY ALL),
			in_baseline AS (SELECT area, category, count(*) AS n FROM complaints
				WHERE ${baseline.sql} GROUP BY ALL)
		SELECT area, category, coalesce(c.n, 0)::INTEGER AS count, coalesce(b.n, 0)::INTEGER AS baseline_count
		FROM in_period c FULL JOIN in_baseline b USING (area, category)`,
		{ ...current.params, ...baseline.params }
	);
	return new Map(
		rows.map((r) => [
			`${r.area}\u001f${r.category}`,
			{ area: r.area, category: r.category, count: r.count, baselineCount: r.baseline_count }
		])
	);
}

function judgeCell(count: number, baselineCount: number, periodMonths: number) {
	const baseline = (baselineCount / hotspotRule.baselineMonths) * periodMonths;
	const sd = Math.sqrt(baseline);
	const flagged = count - baseline >= hotspotRule.minSigmas * sd && count - baseline >= hotspotRule.minExcess;
	return { baseline, sd, flagged };
}

/**
 * Area × category cells of the period with their baseline, flagged by the SPEC rule and marked new or
 * chronic against the comparison period, strongest excess first.
 */
export async function computeComplaintHotspots(
	connection: DuckDBConnection,
	filters: DashboardFilters,
	scope: AreaScope,
	period: DateRange,
	comparison: DateRange
): Promise<HotspotCell[]> {
	const now = await countCells(connection, filters, scope, period);
	const before = await countCells(connection, filters, scope, comparison);
	const months = monthsBetween(period);
	const previousMonths = monthsBetween(comparison);
	const cells: HotspotCell[] = [];
	for (const [key, cell] of now) {
		if (cell.count === 0) continue;
		const judged = judgeCell(cell.count, cell.baselineCount, months);
		const earlier = before.get(key);
		const wasFlagged = earlier
			? judgeCell(earlier.count, earlier.baselineCount, previousMonths).flagged
			: false;
		cells.push({
			area: cell.area,
			category: cell.category,
			count: cell.count,
			baseline: judged.baseline,
			sd: judged.sd,
			flagged: judged.flagged,
			status: judged.flagged ? (wasFlagged ? 'chronic' : 'new') : null
		});
	}
	return cells.sort((a, b) => b.count - b.baseline - (a.count - a.baseline) || a.area.localeCompare(b.area));
}
