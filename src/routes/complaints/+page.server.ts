import { loadComplaintsDashboard } from '$lib/server/dashboards/complaints-dashboard.ts';
import { readDashboardFilters, readRecordTableParams } from '$lib/server/request-params.ts';
import { resolveScope } from '$lib/server/scope.ts';

export async function load({ url }) {
	return loadComplaintsDashboard(readDashboardFilters(url), resolveScope(), readRecordTableParams(url));
}
