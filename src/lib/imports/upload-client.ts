import type { FilePreview } from '$pipelines/load/preview-file.ts';
import type { IngestResult } from '$pipelines/load/ingest-file.ts';

export interface PreviewAnswer {
	uploadId: string;
	preview: FilePreview;
}

/** The server's message of a refused request (SvelteKit's error JSON), else the status line. */
async function readProblem(response: Response): Promise<string> {
	try {
		const body = (await response.json()) as { message?: string };
		if (body.message) return body.message;
	} catch {
		// not JSON
	}
	return `${response.status} ${response.statusText}`;
}

/**
 * Sends a file for preview with upload progress (fetch cannot report it; XMLHttpRequest can).
 * Resolves with the preview or rejects with the server's words.
 */
export function uploadForPreview(file: File, onProgress: (share: number) => void): Promise<PreviewAnswer> {
	return new Promise((resolve, reject) => {
		const request = new XMLHttpRequest();
		request.open('POST', '/api/imports/preview');
		request.responseType = 'json';
		request.upload.onprogress = (event) => {
			if (event.lengthComputable) onProgress(event.loaded / event.total);
		};
		request.onload = () => {
			if (request.status === 200) resolve(request.response as PreviewAnswer);
			else
				reject(new Error((request.response as { message?: string } | null)?.message ?? `${request.status}`));
		};
		request.onerror = () => reject(new Error(request.statusText || 'network error'));
		const form = new FormData();
		form.append('file', file, file.name);
		request.send(form);
	});
}

async function postJson<T>(url: string, body: unknown): Promise<T> {
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body)
	});
	if (!response.ok) throw new Error(await readProblem(response));
	return (await response.json()) as T;
}

export function previewAgain(body: { uploadId: string; kind?: string; mapping?: Record<string, string> }) {
	return postJson<PreviewAnswer>('/api/imports/preview', body);
}

export function commitUpload(body: {
	uploadId: string;
	kind?: string;
	mapping?: Record<string, string>;
	acceptPartial: boolean;
	rememberMapping: boolean;
}) {
	return postJson<IngestResult>('/api/imports/commit', body);
}

/** The link to a preview's error report, with the same choices the preview was made with. */
export function buildReportLink(
	uploadId: string,
	format: 'csv' | 'xlsx',
	kind?: string,
	mapping?: Record<string, string>
): string {
	const query = new URLSearchParams({ uploadId, format });
	if (kind) query.set('kind', kind);
	if (mapping) query.set('mapping', JSON.stringify(mapping));
	return `/api/imports/report?${query}`;
}

/** The dashboards a loaded batch shows up in: its date range and areas as filters. */
export function buildBatchDashboardLink(result: IngestResult): string | null {
	if (!result.dateRange) return null;
	const query = new URLSearchParams({
		period: 'custom',
		from: result.dateRange.min.slice(0, 10),
		to: result.dateRange.max.slice(0, 10)
	});
	for (const area of result.areas ?? []) query.append('area', area);
	const target = result.kind === 'repairs' ? '/timeliness' : '/complaints';
	return `${target}?${query}`;
}
