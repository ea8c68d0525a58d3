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
import { computeComplaintHotspots } from './complaint-hotspots.ts';
import { computeComplaintMix } from './complaint-mix.ts';
import { computeComplaintSummary } from './complaint-summary.ts';
import { computeComplaintTrend } from './complaint-trend.ts';
import { computeRepairTimeliness } from './repair-timeliness.ts';
import { computeRepeatUnits } from './repeat-units.ts';
import { computeComplaintTimeliness, computeComplaintTimelinessBy } from './complaint-timeliness.ts';

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

type MetricFunction = (context: MetricContext) => Promise<unknown>;

/** The figures published at GET /api/metrics/<name>, with the page URL's query parameters. */
const metrics: Record<string, MetricFunction> = {
	'complaint-timeliness': (c) =>
		computeComplaintTimeliness(c.connection, c.filters, c.scope, c.period, c.evaluatedAt, c.sla),
	'complaint-timeliness-by-department': (c) =>
		computeComplaintTimelinessBy(
			c.connection,
			c.filters,
			c.scope,
			c.period,
			c.evaluatedAt,
			c.sla,
			'department'
		),
	'complaint-timeliness-by-area': (c) =>
		computeComplaintTimelinessBy(c.connection, c.filters, c.scope, c.period, c.evaluatedAt, c.sla, 'area'),
	'complaint-summary': (c) => computeComplaintSummary(c.connection, c.filters, c.scope, c.period),
	'complaint-mix': (c) => computeComplaintMix(c.connection, c.filters, c.scope, c.period),
	'complaint-trend': (c) => computeComplaintTrend(c.connection, c.filters, c.scope, c.period),
	'repeat-units': (c) => computeRepeatUnits(c.connection, c.filters, c.scope, c.period),
	'repair-timeliness': (c) =>
		computeRepairTimeliness(c.connection, c.filters, c.scope, c.period, c.evaluatedAt, c.sla),
	'complaint-hotspots': (c) =>
		computeComplaintHotspots(c.connection, c.filters, c.scope, c.period, c.comparison)
};

export function listMetricNames(): string[] {
	return Object.keys(metrics).sort();
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

/** Computes one named metric for a caller; null when no metric has that name. */
export async function computeMetric(
	name: string,
	filters: DashboardFilters,
	scope: AreaScope
): Promise<{
	metric: string;
	asOf: string;
	period: DateRange;
	comparison: DateRange;
	value: unknown;
} | null> {
	const metric = metrics[name];
	if (!metric) return null;
	return withConnection(async (connection) => {
		const asOf = filters.asOf ?? (await findLatestDataDate(connection));
		const period = resolvePeriod(filters, asOf);
		const comparison = resolveComparisonPeriod(filters, period);
		const sla = await loadSlaSettings(connection);
		const value = await metric({
			connection,
			filters,
			scope,
			asOf,
			period,
			comparison,
			evaluatedAt: `${addOneDay(asOf)} 00:00:00`,
			sla
		});
		return { metric: name, asOf, period, comparison, value };
	});
}
