import type { CourtyardDatabase } from '../db/database.ts';
import { enqueueWrite, ingestFile, type IngestResult } from '../load/ingest-file.ts';
import { generateDemoData } from './generate-demo.ts';
import { applyDemoQuestionnaire } from './survey-metadata.ts';

/**
 * Generates the demo spreadsheets and loads them through the same pipeline as any upload, then fills in
 * each survey wave's questionnaire details the way a user would after an upload.
 */
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
		if (file.kind === 'surveys' && file.wave && ['loaded', 'partial', 'duplicate'].includes(result.status)) {
			const wave = file.wave;
			await enqueueWrite(db, () =>
				applyDemoQuestionnaire(db.writer, wave, Number(wave), manifest.occupiedUnits)
			);
		}
	}
	return results;
}
