import { loadSurveyDashboard } from '$lib/server/dashboards/survey-dashboard.ts';
import { readDashboardFilters, readSurveyViewParams } from '$lib/server/request-params.ts';
import { resolveScope } from '$lib/server/scope.ts';

export async function load({ url }) {
	const filters = readDashboardFilters(url);
	const view = readSurveyViewParams(url);
	return { ...(await loadSurveyDashboard(filters, view, resolveScope())), view, areaFilter: filters.area };
}
