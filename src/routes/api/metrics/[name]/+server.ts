import { error, json } from '@sveltejs/kit';
import { computeMetric, listMetricNames } from '$lib/server/metrics/metric-api.ts';
import { readDashboardFilters, readRecordTableParams } from '$lib/server/request-params.ts';
import { resolveScope } from '$lib/server/scope.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, url }) => {
	const result = await computeMetric(
		params.name,
		readDashboardFilters(url),
		resolveScope(),
		readRecordTableParams(url)
	);
	if (!result) error(404, `No metric named "${params.name}". Available: ${listMetricNames().join(', ')}`);
	return json(result);
};
