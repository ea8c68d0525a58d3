import type { CourtyardDatabase } from '../db/database.ts';
import { ingestFile, type IngestResult } from '../load/ingest-file.ts';
import { generateDemoData } from './generate-demo.ts';

/** Generates the demo spreadsheets and loads them through the same pipeline as any upload. */
export async function loadDemoData(
	db: CourtyardDatabase,
	options: {
		workDir: string;
		seed?: number;
		scale?: number;
		inWorker?: boolean;
		log?: (line: string) => void;
	}
): Promise<IngestResult[]> {
	const manifest = await generateDemoData({
		outDir: options.workDir,
		seed: options.seed,
		scale: options.scale
	});
	const results: IngestResult[] = [];
	for (const file of manifest.files) {
		const started = Date.now();
		const result = await ingestFile(db, {
			filePath: file.path,
			kind: file.kind,
			wave: file.wave,
			uploadedBy: 'demo',
			source: 'demo',
			inWorker: options.inWorker
		});
		options.log?.(
			`  ${result.file}: ${result.status}, ${result.rowsLoaded} rows (${((Date.now() - started) / 1000).toFixed(1)} s)` +
				(result.message ? ` — ${result.message}` : '')
		);
		results.push(result);
	}
	return results;
}
