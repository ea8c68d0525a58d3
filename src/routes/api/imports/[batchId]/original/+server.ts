import fs from 'node:fs';
import { error } from '@sveltejs/kit';
import { ImportRequestError, openBatchOriginal } from '$lib/server/imports/import-service.ts';
import { buildDownloadHeaders } from '$lib/server/imports/download-headers.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params }) => {
	const batchId = Number(params.batchId);
	if (!Number.isSafeInteger(batchId) || batchId <= 0)
		error(400, `"${params.batchId}" is not a batch number.`);
	try {
		const original = await openBatchOriginal(batchId);
		return new Response(new Uint8Array(fs.readFileSync(original.filePath)), {
			headers: buildDownloadHeaders(original.fileName, 'original')
		});
	} catch (problem) {
		if (problem instanceof ImportRequestError) error(problem.status, problem.message);
		throw problem;
	}
};
