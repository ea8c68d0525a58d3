import { error, json } from '@sveltejs/kit';
import { parseDashboardFilters } from '$lib/filters/dashboard-filters.ts';
import { computeMetric, listMetricNames } from '$lib/server/metrics/metric-api.ts';
import { resolveScope } from '$lib/server/scope.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, url }) => {
	const parsed = parseDashboardFilters(url.searchParams);
	if (!parsed.ok) error(400, parsed.message);
	const result = await computeMetric(params.name, parsed.filters, resolveScope());
	if (!result) error(404, `No metric named "${params.name}". Available: ${listMetricNames().join(', ')}`);
	return json(result);
};
