import { error, json } from '@sveltejs/kit';
import { webUploadLimits } from '$pipelines/load/limits.ts';
import {
	ImportRequestError,
	previewNewUpload,
	previewPendingUpload
} from '$lib/server/imports/import-service.ts';
import { describeRequestProblem, previewRequestSchema } from '$lib/server/imports/import-requests.ts';
import { receiveUpload, UploadRefusedError } from '$lib/server/imports/receive-upload.ts';
import { streamPreview } from '$lib/server/imports/preview-stream.ts';
import type { RequestHandler } from './$types';

/**
 * A new file (multipart) is kept and previewed, its parse progress streamed as it goes; a JSON body previews
 * a kept file again with new choices.
 */
export const POST: RequestHandler = async ({ request }) => {
	try {
		if (request.headers.get('content-type')?.startsWith('application/json')) {
			const parsed = previewRequestSchema.safeParse(await request.json());
			if (!parsed.success) error(400, describeRequestProblem(parsed.error));
			const { uploadId, ...choices } = parsed.data;
			return json({ uploadId, preview: await previewPendingUpload(uploadId, choices) });
		}
		const upload = await receiveUpload(request, webUploadLimits);
		return streamPreview((onProgress) => previewNewUpload(upload, { kind: upload.fields.kind }, onProgress));
	} catch (problem) {
		if (problem instanceof ImportRequestError || problem instanceof UploadRefusedError)
			error(problem.status, problem.message);
		throw problem;
	}
};
