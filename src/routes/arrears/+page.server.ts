import { loadArrearsDashboard } from '$lib/server/dashboards/arrears-dashboard.ts';
import { readDashboardFilters, readRecordTableParams } from '$lib/server/request-params.ts';
import { resolveScope } from '$lib/server/scope.ts';

export async function load({ url }) {
	return loadArrearsDashboard(readDashboardFilters(url), resolveScope(), readRecordTableParams(url));
}
