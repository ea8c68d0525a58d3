import { error } from '@sveltejs/kit';
import { parseDashboardFilters, type DashboardFilters } from '$lib/filters/dashboard-filters.ts';
import { parseRecordTableParams, type RecordTableParams } from '$lib/filters/record-table-params.ts';
import { parseSurveyViewParams, type SurveyViewParams } from '$lib/filters/survey-view-params.ts';

/** The dashboard filters of a request's URL; a bad parameter is the caller's error (400), with the reason. */
export function readDashboardFilters(url: URL): DashboardFilters {
	const parsed = parseDashboardFilters(url.searchParams);
	if (!parsed.ok) error(400, parsed.message);
	return parsed.filters;
}

/** A drill-down table's page and sort from the URL; a bad one is a 400 with the reason. */
export function readRecordTableParams(url: URL): RecordTableParams {
	const parsed = parseRecordTableParams(url.searchParams);
	if (!parsed.ok) error(400, parsed.message);
	return parsed.params;
}

/** The survey page's wave, comparison, calibre and comment search from the URL; a bad one is a 400. */
export function readSurveyViewParams(url: URL): SurveyViewParams {
	const parsed = parseSurveyViewParams(url.searchParams);
	if (!parsed.ok) error(400, parsed.message);
	return parsed.params;
}
