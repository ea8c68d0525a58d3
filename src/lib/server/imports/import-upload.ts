import { UPLOADED_BY_HEADER } from '$pipelines/cli/send-to-server.ts';
import { ingestFile, type IngestResult } from '$pipelines/load/ingest-file.ts';
import { webUploadLimits } from '$pipelines/load/limits.ts';
import { getDatabase } from '../database.ts';
import { receiveUpload, UploadRefusedError } from './receive-upload.ts';

export type ImportAnswer =
	| { status: 200; body: IngestResult; headers?: undefined }
	| { status: 400 | 413 | 415; body: { message: string }; headers: Record<string, string> };

/**
 * One import request: stream the upload to a temp file, load it, remove the temp file whatever happens.
 * Every pipeline outcome (loaded, partial, rejected, failed, duplicate) is a 200 whose body says which.
 */
export async function receiveAndIngest(request: Request): Promise<ImportAnswer> {
	let upload;
	try {
		upload = await receiveUpload(request, webUploadLimits);
	} catch (error) {
		if (!(error instanceof UploadRefusedError)) throw error;
		// The body may be partly unread: closing the connection stops the client sending the rest of it.
		return { status: error.status, body: { message: error.message }, headers: { connection: 'close' } };
	}
	try {
		const user = request.headers.get(UPLOADED_BY_HEADER)?.trim().slice(0, 100);
		const result = await ingestFile(await getDatabase(), {
			filePath: upload.filePath,
			fileName: upload.fileName,
			kind: upload.fields.kind,
			acceptPartial: upload.fields.acceptPartial,
			wave: upload.fields.wave,
			sheetName: upload.fields.sheetName,
			mapping: upload.fields.mapping,
			uploadedBy: user || 'web',
			source: user ? 'api' : 'web',
			limits: webUploadLimits
		});
		return { status: 200, body: result };
	} finally {
		upload.discard();
	}
}
