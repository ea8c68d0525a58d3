import { loadReturnVisitDashboard } from '$lib/server/dashboards/return-visit-dashboard.ts';
import { readDashboardFilters } from '$lib/server/request-params.ts';
import { resolveScope } from '$lib/server/scope.ts';

export async function load({ url }) {
	return loadReturnVisitDashboard(readDashboardFilters(url), resolveScope());
}
