import { describeAttachment } from '$lib/server/attachment.ts';
import { buildArrearsFollowUpWorkbook } from '$lib/server/dashboards/arrears-follow-up.ts';
import { readDashboardFilters, readRecordTableParams } from '$lib/server/request-params.ts';
import { resolveScope } from '$lib/server/scope.ts';

/** The arrears page's follow-up list as a workbook: every unit in arrears for the page's query, not one page. */
export async function GET({ url }) {
	const workbook = await buildArrearsFollowUpWorkbook(
		readDashboardFilters(url),
		resolveScope(),
		readRecordTableParams(url)
	);
	return new Response(new Uint8Array(workbook.body), {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': describeAttachment(workbook.fileName),
			'cache-control': 'no-store',
			'x-content-type-options': 'nosniff'
		}
	});
}
