import { loadOverviewPage } from '$lib/server/dashboards/overview-dashboard.ts';
import { readDashboardFilters } from '$lib/server/request-params.ts';
import { resolveScope } from '$lib/server/scope.ts';

export async function load({ url }) {
	return loadOverviewPage(readDashboardFilters(url), resolveScope());
}
