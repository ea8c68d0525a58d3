import { parentPort, workerData } from 'node:worker_threads';
import { InputError } from '../readers/sheet-row.ts';
import { parseFile, type ParseRequest } from './parse-file.ts';

/** Worker entry: parses one file off the request thread and reports progress and the result. */
async function runParseJob(request: ParseRequest): Promise<void> {
	try {
		const result = await parseFile(
			request,
			(rowsRead, bytesRead) => parentPort!.postMessage({ type: 'progress', rowsRead, bytesRead }),
			(partPath, width) => parentPort!.postMessage({ type: 'part', partPath, width })
		);
		parentPort!.postMessage({ type: 'done', result });
	} catch (error) {
		if (error instanceof InputError) {
			parentPort!.postMessage({ type: 'input-error', message: error.message, code: error.code });
		} else {
			parentPort!.postMessage({ type: 'crash', message: (error as Error).stack ?? String(error) });
		}
	}
}

if (parentPort) void runParseJob(workerData as ParseRequest);
