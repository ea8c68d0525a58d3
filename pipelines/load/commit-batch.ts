import type { DuckDBConnection } from '@duckdb/node-api';
import { runInTransaction } from '../db/database.ts';
import type { BatchStatus } from './batch-registry.ts';
import { mergeStagedRecords, quoteGeneratedPath, type MergeCounts } from './merge-records.ts';
import type { ParseResult } from './parse-file.ts';
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

function decideStatus(parsed: ParseResult, acceptPartial: boolean): CommitOutcome['status'] {
	if (parsed.rowsRejected === 0) return 'loaded';
	if (!acceptPartial || parsed.rowsValid === 0) return 'rejected';
	return 'partial';
}

function toIsoLocal(date: Date): string {
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
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
	parsed: ParseResult,
	options: CommitOptions
): Promise<CommitOutcome> {
	const status = decideStatus(parsed, options.acceptPartial);
	let counts: MergeCounts = { staged: 0, inserted: 0, updated: 0, unchanged: 0 };
	let waveId: string | null = null;
	if (parsed.survey) {
		waveId = options.wave ?? (parsed.survey.dominantYear ? String(parsed.survey.dominantYear) : null);
	}
	await runInTransaction(connection, async () => {
		options.onTransactionStart?.();
		if (parsed.rowsRejected > 0) await quarantineRejects(connection, batchId, parsed.rejectsPath);
		if (status !== 'rejected') {
			if (parsed.survey) {
				if (!waveId)
					throw new Error(`${file.fileName}: the responses have no dates; choose the survey wave.`);
				await upsertWaveAndQuestions(
					connection,
					batchId,
					{ id: waveId, year: parsed.survey.dominantYear },
					parsed.survey
				);
			}
			for (const [i, output] of parsed.outputs.entries()) {
				const merged = await mergeStagedRecords(
					connection,
					batchId,
					output,
					parsed.survey ? { idPrefix: `${waveId}/`, fixedColumns: { wave_id: waveId! } } : {}
				);
				if (i === 0) counts = merged;
			}
			if (parsed.survey) await mergeSurveyAnswers(connection, batchId, waveId!, parsed.survey);
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
				read: parsed.rowsRead,
				loaded: counts.inserted,
				updated: counts.updated,
				unchanged: counts.unchanged,
				rejected: parsed.rowsRejected,
				skipped: parsed.rowsSkipped,
				format: parsed.reader.format,
				encoding: parsed.reader.encoding ?? null,
				sheet: parsed.reader.sheetName ?? null,
				headerRow: parsed.headerRowNumber,
				headerCells: JSON.stringify(parsed.headerCells),
				mapping: JSON.stringify(parsed.columns),
				wave: waveId,
				message:
					status === 'rejected'
						? `${parsed.rowsRejected} rows have problems; nothing was loaded. Fix them, or accept loading only the valid rows.`
						: null
			}
		);
	});
	await connection.run('CHECKPOINT');
	return { batchId, status, counts, waveId };
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
