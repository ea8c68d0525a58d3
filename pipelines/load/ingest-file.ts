import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CourtyardDatabase } from '../db/database.ts';
import type { KindName } from '../kinds/kind-definition.ts';
import type { AnswerLabels, SurveyScale } from '../kinds/survey-answers.ts';
import { InputError } from '../readers/sheet-row.ts';
import { allocateBatchId, findLoadedBatchByHash } from './batch-registry.ts';
import { listRememberedAnswerMappings, listRememberedMappings } from './column-mappings.ts';
import { commitParsedFile, recordFailedBatch, type BatchFile } from './commit-batch.ts';
import { describeDuplicate } from './record-stage.ts';
import type { StagedBatch } from './stage-batch.ts';
import { cliLimits, describeBytes, type IngestLimits } from './limits.ts';
import { startParseRun, type ParseRun } from './parse-run.ts';
import { listKnownQuestions } from './survey-load.ts';

export interface IngestRequest {
	filePath: string;
	/** The name the user knows the file by (an upload's original name); defaults to the path's base name. */
	fileName?: string;
	kind?: KindName;
	acceptPartial?: boolean;
	uploadedBy: string;
	source: BatchFile['source'];
	wave?: string;
	sheetName?: string;
	/** Hand-corrected mapping; without one, a mapping remembered for this header is applied. */
	mapping?: Record<string, string>;
	/** Survey files: the file's own answer labels (as written) → stored answer codes, e.g. 很好 → very_satisfied. */
	answerLabels?: AnswerLabels;
	/** Survey files: question code → scale, replacing the scale inferred from the answers. */
	questionScales?: Record<string, SurveyScale>;
	limits?: IngestLimits;
	/** 'full' parses every row in JavaScript even where DuckDB could read the CSV (tests compare the two). */
	parseMode?: 'scan' | 'full';
	/** Parse in a worker thread (default) or inline (tests, to save the worker's start-up). */
	inWorker?: boolean;
	onProgress?: (rowsRead: number, bytesRead?: number) => void;
	onTransactionStart?: () => void;
}

export type IngestStatus = 'loaded' | 'partial' | 'rejected' | 'failed' | 'duplicate';

export interface IngestResult {
	file: string;
	kind: KindName | null;
	batchId: number | null;
	status: IngestStatus;
	rowsRead: number;
	rowsLoaded: number;
	rowsUpdated: number;
	rowsUnchanged: number;
	rowsRejected: number;
	rowsSkipped: number;
	rejects: { row: number; column: string | null; value: string | null; reason: string }[];
	message: string | null;
	waveId?: string | null;
	loadPath?: 'bulk' | 'javascript';
	unknownHeaders?: string[];
	/** The header row as read, blanks included: what a remembered mapping is keyed by. */
	headerCells?: string[];
	dateRange?: { min: string; max: string } | null;
	areas?: string[];
}

const writeQueues = new WeakMap<CourtyardDatabase, Promise<unknown>>();

/**
 * DuckDB has one writer: batches against one database are committed one after another, and other writes
 * (a rollback from the imports page) wait their turn in the same queue.
 */
export function enqueueWrite<T>(db: CourtyardDatabase, job: () => Promise<T>): Promise<T> {
	const previous = writeQueues.get(db) ?? Promise.resolve();
	const next = previous.then(job, job);
	writeQueues.set(
		db,
		next.catch(() => undefined)
	);
	return next;
}

export async function hashFile(filePath: string): Promise<string> {
	const hash = createHash('sha256');
	for await (const chunk of fs.createReadStream(filePath, { highWaterMark: 1 << 20 }))
		hash.update(chunk as Buffer);
	return hash.digest('hex');
}

function emptyResult(file: string, status: IngestStatus, message: string): IngestResult {
	return {
		file,
		kind: null,
		batchId: null,
		status,
		rowsRead: 0,
		rowsLoaded: 0,
		rowsUpdated: 0,
		rowsUnchanged: 0,
		rowsRejected: 0,
		rowsSkipped: 0,
		rejects: [],
		message
	};
}

/** Keeps the original by its hash, never by the uploader's file name (SPEC §4). */
function storeOriginal(db: CourtyardDatabase, filePath: string, sha256: string): string {
	const dir = path.join(path.dirname(db.path), 'files');
	fs.mkdirSync(dir, { recursive: true });
	const stored = path.join(dir, sha256);
	if (!fs.existsSync(stored)) {
		fs.copyFileSync(filePath, `${stored}.partial`);
		fs.renameSync(`${stored}.partial`, stored);
	}
	return stored;
}

/**
 * The one entry point for loading a file, used by the CLI, the upload page and the demo loader:
 * size check, SHA-256 idempotency, original kept, parse in a worker, one transaction, CHECKPOINT.
 */
export async function ingestFile(db: CourtyardDatabase, request: IngestRequest): Promise<IngestResult> {
	const fileName = request.fileName ?? path.basename(request.filePath);
	const limits = request.limits ?? cliLimits;
	const startedAt = new Date();
	const size = fs.statSync(request.filePath).size;
	const file: BatchFile = {
		fileName,
		fileSize: size,
		sha256: '',
		storedFile: null,
		uploadedBy: request.uploadedBy,
		source: request.source,
		startedAt
	};
	if (size > limits.maxFileBytes) {
		const message = `${fileName} is ${describeBytes(size)}, over the ${describeBytes(limits.maxFileBytes)} limit; it was not read.`;
		return enqueueWrite(db, async () => {
			const batchId = await allocateBatchId(db.writer);
			await recordFailedBatch(db.writer, batchId, file, request.kind ?? 'unknown', message);
			return { ...emptyResult(fileName, 'failed', message), batchId };
		});
	}
	const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'courtyard-ingest-'));
	// Each load stages on a connection of its own (temp tables are per connection); commits are queued.
	const connection = await db.connect();
	let run: ParseRun | null = null;
	try {
		const rememberedMappings = request.mapping ? undefined : await listRememberedMappings(connection);
		const rememberedAnswerMappings = request.mapping
			? undefined
			: await listRememberedAnswerMappings(connection);
		const knownQuestions = await listKnownQuestions(connection);
		// Hashing and parsing read the whole file each: run them side by side (the parse is in a worker).
		run = startParseRun(
			connection,
			{ ...request, fileName, limits, rememberedMappings, rememberedAnswerMappings, knownQuestions },
			workDir
		);
		file.sha256 = await hashFile(request.filePath);
		const earlier = await findLoadedBatchByHash(db.writer, file.sha256);
		if (earlier) {
			await run.parsing;
			return describeAlreadyLoaded(fileName, earlier);
		}
		file.storedFile = storeOriginal(db, request.filePath, file.sha256);
		const { parsed: parsedFile, error } = await run.parsing;
		if (error) {
			if (!(error instanceof InputError)) throw error;
			return enqueueWrite(db, async () => {
				const batchId = await allocateBatchId(db.writer);
				await recordFailedBatch(db.writer, batchId, file, request.kind ?? 'unknown', error.message);
				return { ...emptyResult(fileName, 'failed', error.message), batchId, kind: request.kind ?? null };
			});
		}
		const parsed = parsedFile!;
		return await enqueueWrite(db, async () => {
			const again = await findLoadedBatchByHash(db.writer, file.sha256);
			if (again) return describeAlreadyLoaded(fileName, again);
			const batch = await run!.stage(parsed);
			const batchId = await allocateBatchId(db.writer);
			const outcome = await commitParsedFile(connection, batchId, file, batch, {
				acceptPartial: request.acceptPartial ?? false,
				wave: request.wave,
				onTransactionStart: request.onTransactionStart
			});
			return {
				file: fileName,
				kind: parsed.kind,
				batchId,
				status: outcome.status,
				rowsRead: batch.rowsRead,
				rowsLoaded: outcome.counts.inserted,
				rowsUpdated: outcome.counts.updated,
				rowsUnchanged: outcome.counts.unchanged,
				rowsRejected: batch.rowsRejected,
				rowsSkipped: batch.rowsSkipped,
				rejects: listRejects(batch),
				message:
					outcome.status === 'rejected'
						? `${batch.rowsRejected} of ${batch.rowsRead} rows have problems; nothing was loaded. ` +
							'Fix them and upload again, or accept loading only the valid rows.'
						: null,
				waveId: outcome.waveId,
				loadPath: batch.loadPath,
				unknownHeaders: parsed.unknownHeaders,
				headerCells: parsed.headerCells,
				dateRange: batch.dateRange,
				areas: batch.areas
			};
		});
	} finally {
		await run?.settle();
		connection.closeSync();
		fs.rmSync(workDir, { recursive: true, force: true });
	}
}

/** The first problems, in row order, for the CLI and the upload page (all of them are quarantined). */
function listRejects(batch: StagedBatch): IngestResult['rejects'] {
	const problems = batch.firstRejects.flatMap((r) => r.problems.map((p) => ({ row: r.row, ...p })));
	const duplicates = batch.duplicates.map((d) => describeDuplicate(d, batch.idHeader));
	return [...problems, ...duplicates].sort((a, b) => a.row - b.row).slice(0, 50);
}

function describeAlreadyLoaded(
	fileName: string,
	earlier: { id: number; finished_at: Date | null; started_at: Date; uploaded_by: string; kind: string }
): IngestResult {
	const when = (earlier.finished_at ?? earlier.started_at).toISOString().slice(0, 16).replace('T', ' ');
	return {
		...emptyResult(
			fileName,
			'duplicate',
			`${fileName} was already loaded on ${when} by ${earlier.uploaded_by} (batch ${earlier.id}); nothing to do.`
		),
		kind: earlier.kind as KindName,
		batchId: earlier.id
	};
}
