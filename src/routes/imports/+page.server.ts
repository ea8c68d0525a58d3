import { fail } from '@sveltejs/kit';
import { ImportRequestError, listImportHistory, rollbackImport } from '$lib/server/imports/import-service.ts';
import type { Actions } from './$types';

export async function load() {
	const batches = await listImportHistory();
	return {
		batches: batches.map((batch) => ({
			id: batch.id,
			kind: batch.kind,
			fileName: batch.file_name,
			status: batch.status,
			uploadedBy: batch.uploaded_by,
			startedAt: batch.started_at.toISOString(),
			rowsRead: batch.rows_read,
			rowsLoaded: batch.rows_loaded,
			rowsUpdated: batch.rows_updated,
			rowsUnchanged: batch.rows_unchanged,
			rowsRejected: batch.rows_rejected,
			rowsSkipped: batch.rows_skipped,
			message: batch.message
		}))
	};
}

export const actions: Actions = {
	/** A form action, so SvelteKit's origin check guards it against cross-site requests. */
	rollback: async ({ request }) => {
		const batchId = Number((await request.formData()).get('batchId'));
		if (!Number.isSafeInteger(batchId) || batchId <= 0)
			return fail(400, { rollback: { batchId, error: 'bad batch' } });
		try {
			const outcome = await rollbackImport(batchId, 'web');
			return { rollback: { batchId, ...outcome } };
		} catch (problem) {
			if (problem instanceof ImportRequestError)
				return fail(problem.status, { rollback: { batchId, error: problem.message } });
			throw problem;
		}
	}
};
