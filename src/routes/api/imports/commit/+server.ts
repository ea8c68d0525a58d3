import { error, json } from '@sveltejs/kit';
import { commitPendingUpload, ImportRequestError } from '$lib/server/imports/import-service.ts';
import { commitRequestSchema, describeRequestProblem } from '$lib/server/imports/import-requests.ts';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ request }) => {
	// JSON only: a cross-site form cannot send it without a CORS preflight this server never grants.
	if (!request.headers.get('content-type')?.startsWith('application/json'))
		error(415, 'Send the commit request as application/json.');
	const parsed = commitRequestSchema.safeParse(await request.json().catch(() => null));
	if (!parsed.success) error(400, describeRequestProblem(parsed.error));
	const { uploadId, ...choices } = parsed.data;
	try {
		return json(await commitPendingUpload(uploadId, { ...choices, user: 'web' }));
	} catch (problem) {
		if (problem instanceof ImportRequestError) error(problem.status, problem.message);
		throw problem;
	}
};
