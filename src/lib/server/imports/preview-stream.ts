import { ImportRequestError } from './import-service.ts';

/**
 * A preview of a large file takes a while: the answer is newline-delimited JSON, `{"progress": 0.42}` lines
 * while the file is read, then the result (`{"uploadId", "preview"}`) or `{"error", "status"}`. The upload
 * itself was accepted (or refused with a plain HTTP status) before this starts.
 */
export function streamPreview(work: (onProgress: (share: number) => void) => Promise<unknown>): Response {
	const encoder = new TextEncoder();
	const body = new ReadableStream<Uint8Array>({
		async start(controller) {
			const send = (message: unknown) => controller.enqueue(encoder.encode(`${JSON.stringify(message)}\n`));
			let lastShare = -1;
			try {
				const result = await work((share) => {
					// Progress arrives per parsed chunk; a line per percent is plenty.
					if (share - lastShare < 0.01) return;
					lastShare = share;
					send({ progress: Math.round(share * 1000) / 1000 });
				});
				send(result);
			} catch (problem) {
				const status = problem instanceof ImportRequestError ? problem.status : 500;
				const message = problem instanceof Error ? problem.message : String(problem);
				send({ error: status === 500 ? `The file could not be checked: ${message}` : message, status });
			} finally {
				controller.close();
			}
		}
	});
	return new Response(body, {
		headers: { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store' }
	});
}
