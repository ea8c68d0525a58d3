import { loadTimelinessDashboard } from '$lib/server/dashboards/timeliness-dashboard.ts';
import { readDashboardFilters } from '$lib/server/request-params.ts';
import { resolveScope } from '$lib/server/scope.ts';

export async function load({ url }) {
	return loadTimelinessDashboard(readDashboardFilters(url), resolveScope());
}
