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
 * Sends a file for preview with upload progress (fetch cannot report it; XMLHttpRequest can), then reads the
 * server's newline-delimited answer: parse progress lines, then the preview or an error.
 */
export function uploadForPreview(
	file: File,
	onProgress: (stage: 'uploading' | 'checking', share: number) => void
): Promise<PreviewAnswer> {
	return new Promise((resolve, reject) => {
		const request = new XMLHttpRequest();
		request.open('POST', '/api/imports/preview');
		let read = 0;
		let settled = false;
		const readLines = () => {
			const text = request.responseText;
			let end = text.indexOf('\n', read);
			while (end !== -1 && !settled) {
				const message = JSON.parse(text.slice(read, end)) as
					{ progress: number } | { error: string } | PreviewAnswer;
				read = end + 1;
				if ('progress' in message) onProgress('checking', message.progress);
				else if ('error' in message) {
					settled = true;
					reject(new Error(message.error));
				} else {
					settled = true;
					resolve(message);
				}
				end = text.indexOf('\n', read);
			}
		};
		request.upload.onprogress = (event) => {
			if (event.lengthComputable) onProgress('uploading', event.loaded / event.total);
		};
		request.upload.onload = () => onProgress('checking', 0);
		request.onprogress = () => {
			if (request.status === 200) readLines();
		};
		request.onload = () => {
			if (request.status === 200) {
				readLines();
				if (!settled) reject(new Error('the server ended the answer early'));
				return;
			}
			let message = `${request.status} ${request.statusText}`;
			try {
				message = (JSON.parse(request.responseText) as { message?: string }).message ?? message;
			} catch {
				// not JSON
			}
			reject(new Error(message));
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

/** What the user chose in the preview, sent with every re-check and with the commit. */
export interface UploadChoicesBody {
	uploadId: string;
	kind?: string;
	mapping?: Record<string, string>;
	answerLabels?: Record<string, string>;
	questionScales?: Record<string, string>;
}

export function previewAgain(body: UploadChoicesBody) {
	return postJson<PreviewAnswer>('/api/imports/preview', body);
}

export function commitUpload(body: UploadChoicesBody & { acceptPartial: boolean; rememberMapping: boolean }) {
	return postJson<IngestResult>('/api/imports/commit', body);
}

/** The link to a preview's error report, with the same choices the preview was made with. */
export function buildReportLink(format: 'csv' | 'xlsx', choices: UploadChoicesBody): string {
	const query = new URLSearchParams({ uploadId: choices.uploadId, format });
	if (choices.kind) query.set('kind', choices.kind);
	for (const key of ['mapping', 'answerLabels', 'questionScales'] as const) {
		const value = choices[key];
		if (value) query.set(key, JSON.stringify(value));
	}
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
