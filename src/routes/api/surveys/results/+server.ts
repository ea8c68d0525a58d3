import { json } from '@sveltejs/kit';
import { loadSurveyDashboard } from '$lib/server/dashboards/survey-dashboard.ts';
import { readDashboardFilters, readSurveyViewParams } from '$lib/server/request-params.ts';
import { resolveScope } from '$lib/server/scope.ts';

/** The survey page's figures as JSON, for the same query parameters as /satisfaction. */
export async function GET({ url }) {
	return json(
		await loadSurveyDashboard(readDashboardFilters(url), readSurveyViewParams(url), resolveScope())
	);
}
