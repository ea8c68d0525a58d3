import type { DuckDBConnection } from '@duckdb/node-api';
import { runInTransaction } from '../db/database.ts';
import type { KindDefinition } from '../kinds/kind-definition.ts';
import { sqlString } from '../kinds/field-sql.ts';
import { kindRegistry } from '../kinds/kind-registry.ts';
import type { BatchStatus } from './batch-registry.ts';
import {
	mergeRecords,
	quoteGeneratedPath,
	quoteIdentifier,
	readStagedSql,
	type MergeCounts,
	type MergeTarget
} from './merge-records.ts';
import type { ParseResult } from './parse-file.ts';
import { describeDuplicate, stageTable } from './record-stage.ts';
import type { StagedBatch } from './stage-batch.ts';
import { mergeSurveyAnswers, upsertWaveAndQuestions } from './survey-load.ts';

export interface BatchFile {
	fileName: string;
	fileSize: number;
	sha256: string;
	storedFile: string | null;
	uploadedBy: string;
	source: 'cli' | 'web' | 'demo' | 'api';
	startedAt: Date;
}

export interface CommitOptions {
	acceptPartial: boolean;
	/** Survey wave name; by default the year of the responses' dates. */
	wave?: string;
	/** Called once the transaction has begun (the kill-safety test waits for it). */
	onTransactionStart?: () => void;
}

export interface CommitOutcome {
	batchId: number;
	status: Extract<BatchStatus, 'loaded' | 'partial' | 'rejected'>;
	counts: MergeCounts;
	waveId: string | null;
}

function decideStatus(batch: StagedBatch, acceptPartial: boolean): CommitOutcome['status'] {
	if (batch.rowsRejected === 0) return 'loaded';
	if (!acceptPartial || batch.rowsValid === 0) return 'rejected';
	return 'partial';
}

function toIsoLocal(date: Date): string {
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** A survey file is never staged as records: its respondents and answers are merged from the worker's files. */
export function describeSurveyBatch(parsed: ParseResult): StagedBatch {
	return {
		parsed,
		loadPath: 'javascript',
		rowsRead: parsed.rowsRead,
		rowsSkipped: parsed.rowsSkipped,
		rowsRejected: parsed.rowsRejected,
		rowsValid: parsed.rowsValid,
		rejectFiles: parsed.rowsRejected > 0 ? [parsed.rejectsPath] : [],
		duplicates: [],
		idHeader: null,
		firstRejects: parsed.firstRejects,
		dateRange: parsed.dateRange,
		areas: parsed.areas
	};
}

/** The merges a record kind's stage makes, one per output table; the first one's counts are the batch's. */
export function listStageMergeTargets(kind: KindDefinition): MergeTarget[] {
	return kind.outputs.map((output) => {
		const idSql = output.idSuffix ? `stage_id || ${sqlString(output.idSuffix)}` : 'stage_id';
		return {
			table: output.table,
			columns: output.columns.map((c) => c.name),
			sourceSql: `SELECT ${idSql}, source_row, ${output.columns.map((c) => c.sql).join(', ')} FROM ${stageTable}
				${output.where ? `WHERE ${output.where}` : ''}`
		};
	});
}

/** Writes the staged records of a record kind into their tables, one merge per output table. */
async function mergeStage(
	connection: DuckDBConnection,
	batchId: number,
	kind: KindDefinition
): Promise<MergeCounts> {
	let first: MergeCounts | null = null;
	for (const target of listStageMergeTargets(kind)) {
		const merged = await mergeRecords(connection, batchId, target);
		first ??= merged;
	}
	return first!;
}

/** A survey file's respondents as a merge into `survey_respondents`, their ids prefixed by the wave. */
export function describeRespondentMergeTarget(parsed: ParseResult, waveId: string): MergeTarget {
	const staged = parsed.staged!;
	const columns = [
		{ name: 'id', sqlType: 'VARCHAR' },
		{ name: 'source_row', sqlType: 'INTEGER' },
		...staged.columns
	];
	return {
		table: 'survey_respondents',
		columns: ['wave_id', ...staged.columns.map((c) => c.name)],
		sourceSql: `SELECT $wave || '/' || id, source_row, $wave, ${staged.columns.map((c) => quoteIdentifier(c.name)).join(', ')}
			FROM ${readStagedSql(staged.path, columns)}`,
		params: { wave: waveId }
	};
}

/** The wave a survey file goes to: the one chosen, else the year of its responses (SPEC §3). */
export function chooseSurveyWave(parsed: ParseResult, wave: string | undefined): string | null {
	return wave ?? (parsed.survey?.dominantYear ? String(parsed.survey.dominantYear) : null);
}

async function mergeSurvey(
	connection: DuckDBConnection,
	batchId: number,
	parsed: ParseResult,
	waveId: string
): Promise<MergeCounts> {
	const survey = parsed.survey!;
	await upsertWaveAndQuestions(connection, batchId, { id: waveId, year: survey.dominantYear }, survey);
	const counts = await mergeRecords(connection, batchId, describeRespondentMergeTarget(parsed, waveId));
	await mergeSurveyAnswers(connection, batchId, waveId, survey, counts.unchanged);
	return counts;
}

/**
 * Writes one batch in one transaction: its registry row, its quarantined rows and — unless the file
 * had bad rows that were not accepted — its records. All of it becomes visible together or not at all;
 * a CHECKPOINT follows so the WAL does not carry it.
 */
export async function commitParsedFile(
	connection: DuckDBConnection,
	batchId: number,
	file: BatchFile,
	batch: StagedBatch,
	options: CommitOptions
): Promise<CommitOutcome> {
	const parsed = batch.parsed;
	const status = decideStatus(batch, options.acceptPartial);
	let counts: MergeCounts = { staged: 0, inserted: 0, updated: 0, unchanged: 0 };
	let waveId: string | null = null;
	if (parsed.survey) {
		waveId = chooseSurveyWave(parsed, options.wave);
		if (!waveId) throw new Error(`${file.fileName}: the responses have no dates; choose the survey wave.`);
	}
	await runInTransaction(connection, async () => {
		options.onTransactionStart?.();
		for (const rejectsPath of batch.rejectFiles) await quarantineRejects(connection, batchId, rejectsPath);
		if (batch.duplicates.length > 0) await quarantineDuplicates(connection, batchId, batch);
		if (status !== 'rejected') {
			counts = parsed.survey
				? await mergeSurvey(connection, batchId, parsed, waveId!)
				: await mergeStage(connection, batchId, kindRegistry[parsed.kind]);
		}
		await connection.run(
			`INSERT INTO import_batches (id, kind, file_name, file_size, sha256, stored_file, uploaded_by, source, started_at,
				finished_at, status, rows_read, rows_loaded, rows_updated, rows_unchanged, rows_rejected, rows_skipped, format,
				encoding, sheet_name, header_row, header_cells, column_mapping, wave_id, message)
				VALUES ($id, $kind, $fileName, $fileSize, $sha, $stored, $by, $source, $startedAt::TIMESTAMP,
				current_localtimestamp(), $status, $read, $loaded, $updated, $unchanged, $rejected, $skipped, $format,
				$encoding, $sheet, $headerRow, $headerCells::JSON, $mapping::JSON, $wave, $message)`,
			{
				id: batchId,
				kind: parsed.kind,
				fileName: file.fileName,
				fileSize: file.fileSize,
				sha: file.sha256,
				stored: file.storedFile,
				by: file.uploadedBy,
				source: file.source,
				startedAt: toIsoLocal(file.startedAt),
				status,
				read: batch.rowsRead,
				loaded: counts.inserted,
				updated: counts.updated,
				unchanged: counts.unchanged,
				rejected: batch.rowsRejected,
				skipped: batch.rowsSkipped,
				format: parsed.reader.format,
				encoding: parsed.reader.encoding ?? null,
				sheet: parsed.reader.sheetName ?? null,
				headerRow: parsed.headerRowNumber,
				headerCells: JSON.stringify(parsed.headerCells),
				mapping: JSON.stringify(parsed.columns),
				wave: waveId,
				message:
					status === 'rejected'
						? `${batch.rowsRejected} rows have problems; nothing was loaded. Fix them, or accept loading only the valid rows.`
						: null
			}
		);
	});
	await connection.run('CHECKPOINT');
	return { batchId, status, counts, waveId };
}

/** In-file duplicates found in SQL: their row, the id (or content) they repeat and the first row. */
async function quarantineDuplicates(
	connection: DuckDBConnection,
	batchId: number,
	batch: StagedBatch
): Promise<void> {
	const rows = batch.duplicates.map((d) => describeDuplicate(d, batch.idHeader));
	await connection.run(
		`INSERT INTO quarantined_rows (batch_id, row_number, column_name, value, reason, row_cells)
			SELECT $batch, d.row, d."column", d.value, d.reason, NULL FROM (SELECT unnest(
				$rows::STRUCT("row" INTEGER, "column" VARCHAR, value VARCHAR, reason VARCHAR)[]) AS d)`,
		{ batch: batchId, rows: JSON.stringify(rows) }
	);
}

/** Quarantined rows keep their row number, column, value, reason and the whole original row. */
async function quarantineRejects(
	connection: DuckDBConnection,
	batchId: number,
	rejectsPath: string
): Promise<void> {
	await connection.run(
		`INSERT INTO quarantined_rows (batch_id, row_number, column_name, value, reason, row_cells)
			SELECT $batch, r.row, p."column", p.value, p.reason, to_json(r.cells)
			FROM (SELECT row, unnest(problems) AS p, cells FROM read_json(${quoteGeneratedPath(rejectsPath)},
				format = 'newline_delimited', columns = {row: 'INTEGER',
				problems: 'STRUCT("column" VARCHAR, value VARCHAR, reason VARCHAR)[]', cells: 'VARCHAR[]'})) r`,
		{ batch: batchId }
	);
}

/** Records a file that could not be read at all, so the upload history shows it with its reason. */
export async function recordFailedBatch(
	connection: DuckDBConnection,
	batchId: number,
	file: BatchFile,
	kind: string,
	message: string
): Promise<void> {
	await connection.run(
		`INSERT INTO import_batches (id, kind, file_name, file_size, sha256, stored_file, uploaded_by, source, started_at,
			finished_at, status, message) VALUES ($id, $kind, $fileName, $fileSize, $sha, $stored, $by, $source,
			$startedAt::TIMESTAMP, current_localtimestamp(), 'failed', $message)`,
		{
			id: batchId,
			kind,
			fileName: file.fileName,
			fileSize: file.fileSize,
			sha: file.sha256,
			stored: file.storedFile,
			by: file.uploadedBy,
			source: file.source,
			startedAt: toIsoLocal(file.startedAt),
			message
		}
	);
}
