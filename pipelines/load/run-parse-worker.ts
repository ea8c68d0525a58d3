import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { InputError } from '../readers/sheet-row.ts';
import type { ParseRequest, ParseResult } from './parse-file.ts';

/**
 * Where the worker's code is: next to this file when running from TypeScript (tests, the CLI via tsx),
 * or the bundle `npm run build` writes for the built server (whose chunks no longer sit next to it).
 */
function resolveWorkerEntry(): { file: string; execArgv: string[] } {
	if (process.env.COURTYARD_PARSE_WORKER) return { file: process.env.COURTYARD_PARSE_WORKER, execArgv: [] };
	const here = fileURLToPath(import.meta.url);
	const source = path.join(path.dirname(here), 'parse-worker-dev.mjs');
	if (here.endsWith('.ts') && fs.existsSync(source)) return { file: source, execArgv: [] };
	const candidates = [
		path.resolve('build', 'workers', 'parse-worker.mjs'),
		path.resolve(path.dirname(here), '..', '..', 'workers', 'parse-worker.mjs')
	];
	return { file: candidates.find((c) => fs.existsSync(c)) ?? candidates[0], execArgv: [] };
}

/**
 * Command-line entry points run the worker bundle (built just before them) rather than compiling the
 * TypeScript worker on every file, which costs seconds.
 */
export function useBuiltParseWorker(): void {
	const bundle = path.resolve('build', 'workers', 'parse-worker.mjs');
	if (!process.env.COURTYARD_PARSE_WORKER && fs.existsSync(bundle))
		process.env.COURTYARD_PARSE_WORKER = bundle;
}

/**
 * Parses a file in a worker thread with memory and time limits, so one hostile or huge file cannot
 * stall or crash the process serving the dashboard.
 */
export function parseFileInWorker(
	request: ParseRequest,
	limits: { timeoutMs: number; memoryMb: number },
	onProgress?: (rowsRead: number, bytesRead?: number) => void,
	onPart?: (partPath: string, width: number) => void
): Promise<ParseResult> {
	const entry = resolveWorkerEntry();
	return new Promise((resolve, reject) => {
		const worker = new Worker(entry.file, {
			workerData: request,
			execArgv: entry.execArgv,
			resourceLimits: {
				maxOldGenerationSizeMb: limits.memoryMb,
				// A larger young generation makes parse-heavy work 1.3–2.5× faster (PERFORMANCE-NOTES).
				maxYoungGenerationSizeMb: 192
			}
		});
		let settled = false;
		const finish = (action: () => void) => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			action();
			void worker.terminate();
		};
		const timer = setTimeout(
			() =>
				finish(() =>
					reject(
						new InputError(
							`${request.fileName}: reading took longer than ${Math.round(limits.timeoutMs / 1000)} s and was stopped.`,
							'timeout'
						)
					)
				),
			limits.timeoutMs
		);
		worker.on('message', (message: { type: string; [key: string]: unknown }) => {
			if (message.type === 'progress')
				onProgress?.(message.rowsRead as number, message.bytesRead as number | undefined);
			else if (message.type === 'part') onPart?.(message.partPath as string, message.width as number);
			else if (message.type === 'done') finish(() => resolve(message.result as ParseResult));
			else if (message.type === 'input-error')
				finish(() => reject(new InputError(message.message as string, message.code as InputError['code'])));
			else
				finish(() => reject(new Error(`Parsing ${request.fileName} failed: ${message.message as string}`)));
		});
		worker.on('error', (error: Error & { code?: string }) => {
			finish(() =>
				reject(
					error.code === 'ERR_WORKER_OUT_OF_MEMORY'
						? new InputError(
								`${request.fileName}: reading it needed more than ${limits.memoryMb} MB of memory and was stopped.`,
								'out-of-memory'
							)
						: error
				)
			);
		});
		worker.on('exit', (code) => {
			finish(() =>
				reject(new Error(`Parsing ${request.fileName} stopped unexpectedly (exit code ${code}).`))
			);
		});
	});
}
