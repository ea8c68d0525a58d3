import fs from 'node:fs';
import { useBuiltParseWorker } from '../load/run-parse-worker.ts';
import os from 'node:os';
import path from 'node:path';
import { DatabaseLockedError, openDatabase, queryRows, resolveDatabasePath } from '../db/database.ts';
import { loadDemoData } from '../demo/load-demo.ts';

/**
 * Run by `npm start` before the server: creates the database, applies migrations and, when no batch
 * was ever loaded, loads the bundled demo data through the normal pipeline.
 */
async function prepareDatabase(): Promise<void> {
	const dbPath = resolveDatabasePath();
	const db = await openDatabase(dbPath);
	try {
		const [{ n }] = await queryRows<{ n: number }>(
			db.writer,
			'SELECT count(*)::INTEGER AS n FROM import_batches'
		);
		if (n > 0 || process.env.COURTYARD_SKIP_DEMO === '1') {
			console.log(`Database ${dbPath} is ready (${n} batches).`);
			return;
		}
		console.log('The database is empty: generating and loading the demo data (about a minute)…');
		const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'courtyard-demo-'));
		try {
			const results = await loadDemoData(db, { workDir, log: (line) => console.log(line) });
			const failed = results.filter((r) => r.status !== 'loaded');
			if (failed.length > 0)
				throw new Error(`Demo files failed to load: ${failed.map((f) => f.file).join(', ')}`);
		} finally {
			fs.rmSync(workDir, { recursive: true, force: true });
		}
	} finally {
		db.close();
	}
}

useBuiltParseWorker();
prepareDatabase().catch((error) => {
	console.error(error instanceof DatabaseLockedError ? error.message : error);
	process.exit(1);
});
