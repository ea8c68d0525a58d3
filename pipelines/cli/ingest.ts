import fs from 'node:fs';
import { useBuiltParseWorker } from '../load/run-parse-worker.ts';
import os from 'node:os';
import {
	DatabaseLockedError,
	openDatabase,
	resolveDatabasePath,
	type CourtyardDatabase
} from '../db/database.ts';
import { listBatches } from '../load/batch-registry.ts';
import { ingestFile, type IngestResult } from '../load/ingest-file.ts';
import { rollbackBatch, RollbackRefusedError } from '../load/rollback-batch.ts';
import { ingestUsage, parseIngestArgs, UsageError, type IngestCommand } from './ingest-args.ts';
import { createProgressLine, formatBatchTable, formatIngestResult } from './ingest-output.ts';
import { resolveServerUrl, sendFileToServer, ServerUnreachableError } from './send-to-server.ts';

type IngestAction = Extract<IngestCommand, { action: 'ingest' }>;
type LoadFile = (
	file: string,
	onProgress?: (rowsRead: number, bytesRead?: number) => void
) => Promise<IngestResult>;

/** Loads each file with `loadFile` (here, or through the server) and prints the same lines either way. */
async function runIngest(command: IngestAction, loadFile: LoadFile): Promise<number> {
	let exitCode = 0;
	for (const file of command.files) {
		if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
			const message = `${file}: no such file.`;
			if (command.json) console.log(JSON.stringify({ file, status: 'failed', message }));
			else console.error(message);
			exitCode = 1;
			continue;
		}
		const progress = command.json ? null : createProgressLine(file, fs.statSync(file).size);
		const result = await loadFile(file, progress?.update);
		progress?.done();
		if (command.json) console.log(JSON.stringify(result));
		else console.log(formatIngestResult(result));
		if (result.status !== 'loaded' && result.status !== 'duplicate') exitCode = 1;
	}
	return exitCode;
}

/**
 * DuckDB allows one writing process: while the dashboard server holds the database, the files go to its
 * import API instead (SPEC §7). With no server answering, the plain "database is held" message stands.
 */
async function runIngestThroughServer(command: IngestAction, locked: DatabaseLockedError): Promise<number> {
	const serverUrl = resolveServerUrl();
	try {
		return await runIngest(command, (file) => sendFileToServer(serverUrl, file, command));
	} catch (error) {
		if (!(error instanceof ServerUnreachableError)) throw error;
		console.error(locked.message);
		return 1;
	}
}

async function main(argv: string[]): Promise<number> {
	let command: IngestCommand;
	try {
		command = parseIngestArgs(argv, os.userInfo().username);
	} catch (error) {
		if (!(error instanceof UsageError)) throw error;
		console.error(`${error.message}\n\n${ingestUsage}`);
		return 2;
	}
	if (command.action === 'help') {
		console.log(ingestUsage);
		return 0;
	}
	let db: CourtyardDatabase;
	try {
		db = await openDatabase(resolveDatabasePath());
	} catch (error) {
		if (error instanceof DatabaseLockedError) {
			if (command.action === 'ingest') return runIngestThroughServer(command, error);
			console.error(error.message);
			return 1;
		}
		throw error;
	}
	try {
		if (command.action === 'list') {
			const batches = await listBatches(db.writer, 100);
			console.log(command.json ? JSON.stringify(batches) : formatBatchTable(batches));
			return 0;
		}
		if (command.action === 'rollback') {
			try {
				const outcome = await rollbackBatch(db.writer, command.batchId, command.user);
				console.log(
					`Batch ${command.batchId} rolled back: ${outcome.removed} records removed, ${outcome.restored} earlier versions restored.`
				);
				return 0;
			} catch (error) {
				if (!(error instanceof RollbackRefusedError)) throw error;
				console.error(error.message);
				return 1;
			}
		}
		return await runIngest(command, (file, onProgress) =>
			ingestFile(db, {
				filePath: file,
				kind: command.kind,
				acceptPartial: command.acceptPartial,
				uploadedBy: command.user,
				source: 'cli',
				wave: command.wave,
				sheetName: command.sheet,
				onProgress
			})
		);
	} finally {
		db.close();
	}
}

useBuiltParseWorker();
main(process.argv.slice(2)).then(
	(code) => process.exit(code),
	(error) => {
		console.error(error instanceof Error ? error.message : error);
		process.exit(1);
	}
);
