import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '$pipelines/db/database.ts';
import {
	resolveComparisonPeriod,
	resolvePeriod,
	type DashboardFilters,
	type DateRange
} from '$lib/filters/dashboard-filters.ts';
import { withConnection } from '../database.ts';
import type { AreaScope } from '../scope.ts';
import { loadSlaSettings, type SlaSettings } from '../settings/sla-settings.ts';

/** What every metric is computed against: the caller's filters and scope, resolved to concrete dates. */
export interface MetricContext {
	connection: DuckDBConnection;
	filters: DashboardFilters;
	scope: AreaScope;
	asOf: string;
	period: DateRange;
	comparison: DateRange;
	/** The end of the as-of day: open items are judged late against it. */
	evaluatedAt: string;
	sla: SlaSettings;
}

/** The latest day with data: relative periods ("this month") count from it unless the URL names a day. */
async function findLatestDataDate(connection: DuckDBConnection): Promise<string> {
	const [row] = await queryRows<{ day: string | null }>(
		connection,
		'SELECT max(received_at)::DATE::VARCHAR AS day FROM complaints'
	);
	return row.day ?? new Date().toISOString().slice(0, 10);
}

function addOneDay(iso: string): string {
	const date = new Date(`${iso}T00:00:00Z`);
	date.setUTCDate(date.getUTCDate() + 1);
	return date.toISOString().slice(0, 10);
}

/**
 * Resolves the caller's filters to concrete dates once (as-of day, period, comparison, SLA settings) and
 * runs `work` on one pooled connection; every page loader and the JSON API start here. Without an as-of
 * day in the URL it is the latest complaint date, unless the figures live in another ledger that names its
 * own latest day (the fee ledger's last payment).
 */
export async function withMetricContext<T>(
	filters: DashboardFilters,
	scope: AreaScope,
	work: (context: MetricContext) => Promise<T>,
	findDefaultAsOf: (connection: DuckDBConnection) => Promise<string> = findLatestDataDate
): Promise<T> {
	return withConnection(async (connection) => {
		const asOf = filters.asOf ?? (await findDefaultAsOf(connection));
		const period = resolvePeriod(filters, asOf);
		return work({
			connection,
			filters,
			scope,
			asOf,
			period,
			comparison: resolveComparisonPeriod(filters, period),
			evaluatedAt: `${addOneDay(asOf)} 00:00:00`,
			sla: await loadSlaSettings(connection)
		});
	});
}
