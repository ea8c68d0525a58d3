import { json } from '@sveltejs/kit';
import { receiveAndIngest } from '$lib/server/imports/import-upload.ts';
import type { RequestHandler } from './$types';

/** Loads one uploaded CSV/XLSX through the shared pipeline; the answer is the IngestResult. */
export const POST: RequestHandler = async ({ request }) => {
	const answer = await receiveAndIngest(request);
	return json(answer.body, { status: answer.status, headers: answer.headers });
};
