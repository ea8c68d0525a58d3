import { error } from '@sveltejs/kit';
import { buildUploadReport, ImportRequestError } from '$lib/server/imports/import-service.ts';
import { describeRequestProblem, reportRequestSchema } from '$lib/server/imports/import-requests.ts';
import { buildDownloadHeaders } from '$lib/server/imports/download-headers.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ url }) => {
	const parsed = reportRequestSchema.safeParse(Object.fromEntries(url.searchParams));
	if (!parsed.success) error(400, describeRequestProblem(parsed.error));
	const { uploadId, format, ...choices } = parsed.data;
	try {
		const report = await buildUploadReport(uploadId, choices, format);
		return new Response(new Uint8Array(report.body), {
			headers: buildDownloadHeaders(report.fileName, format)
		});
	} catch (problem) {
		if (problem instanceof ImportRequestError) error(problem.status, problem.message);
		throw problem;
	}
};
