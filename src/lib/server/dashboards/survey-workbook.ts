import { buildVisibleTable } from '$lib/components/data-table-rows.ts';
import type { DashboardFilters } from '$lib/filters/dashboard-filters.ts';
import type { SurveyViewParams } from '$lib/filters/survey-view-params.ts';
import { m } from '$lib/paraglide/messages.js';
import { buildSurveyTables } from '$lib/views/survey-view.ts';
import { buildXlsxWorkbookOfTables } from '../export/xlsx-export.ts';
import type { AreaScope } from '../scope.ts';
import { loadSurveyDashboard, type SurveyResults } from './survey-dashboard.ts';

function describeApproach(results: SurveyResults) {
	const wave = results.wave;
	const rows: [string, string | number | null][] = [
		[m.survey_control_wave(), wave.name],
		[
			m.survey_approach_fieldwork(),
			wave.fieldworkStart && `${wave.fieldworkStart} – ${wave.fieldworkEnd ?? ''}`
		],
		[
			m.survey_approach_responses_dated(),
			wave.firstResponse && `${wave.firstResponse} – ${wave.lastResponse ?? ''}`
		],
		[m.survey_approach_method(), wave.method],
		[m.survey_approach_sample_frame(), wave.sampleFrame],
		[m.survey_approach_units_surveyed(), wave.unitsSurveyed],
		[m.survey_approach_respondents(), results.respondents],
		[m.survey_col_units(), results.population],
		[m.survey_approach_weighted(), wave.weighted ? m.survey_yes() : m.survey_no()],
		[m.survey_approach_exclusions(), wave.exclusions],
		[m.survey_approach_incentives(), wave.incentives],
		[m.survey_control_calibre(), `${results.calibre.name.zh} / ${results.calibre.name.en}`],
		[m.survey_control_compare(), results.previous?.name ?? null]
	];
	return {
		name: m.survey_approach_heading(),
		columns: [
			{ key: 'item', label: m.survey_approach_heading() },
			{ key: 'value', label: wave.name }
		],
		rows: rows.map(([item, value]) => ({ item, value }))
	};
}

/**
 * The wave's results as an XLSX workbook: the summary of approach, then one sheet per view of the page
 * (with numerators and denominators), as the page shows them for the same URL.
 */
export async function buildSurveyWorkbook(
	filters: Pick<DashboardFilters, 'area' | 'building'>,
	view: SurveyViewParams,
	scope: AreaScope
): Promise<{ fileName: string; body: Buffer } | null> {
	const dashboard = await loadSurveyDashboard(filters, view, scope);
	const results = dashboard.results;
	if (!results) return null;
	const tables = buildSurveyTables(results, dashboard.settings.plannerMargins).map((table) =>
		buildVisibleTable(table.title, table.columns, table.rows)
	);
	return {
		fileName: `${m.survey_title()}-${results.wave.name}.xlsx`,
		body: await buildXlsxWorkbookOfTables([describeApproach(results), ...tables])
	};
}
