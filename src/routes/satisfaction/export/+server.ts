import { error } from '@sveltejs/kit';
import { describeAttachment } from '$lib/server/attachment.ts';
import { buildSurveyWorkbook } from '$lib/server/dashboards/survey-workbook.ts';
import { readDashboardFilters, readSurveyViewParams } from '$lib/server/request-params.ts';
import { resolveScope } from '$lib/server/scope.ts';

/** The survey page's wave as a workbook, for the same query as the page. */
export async function GET({ url }) {
	const workbook = await buildSurveyWorkbook(
		readDashboardFilters(url),
		readSurveyViewParams(url),
		resolveScope()
	);
	if (!workbook) error(404, 'No survey wave has been loaded');
	return new Response(new Uint8Array(workbook.body), {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': describeAttachment(workbook.fileName),
			'cache-control': 'no-store',
			'x-content-type-options': 'nosniff'
		}
	});
}
