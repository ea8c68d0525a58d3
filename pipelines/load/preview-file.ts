import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows, type CourtyardDatabase } from '../db/database.ts';
import { describeFieldLabel } from '../kinds/field-labels.ts';
import type { KindName } from '../kinds/kind-definition.ts';
import type { AnswerLabels, SurveyScale } from '../kinds/survey-answers.ts';
import { kindRegistry } from '../kinds/kind-registry.ts';
import { InputError } from '../readers/sheet-row.ts';
import { findLoadedBatchByHash } from './batch-registry.ts';
import { listRememberedAnswerMappings, listRememberedMappings } from './column-mappings.ts';
import { chooseSurveyWave, describeRespondentMergeTarget, listStageMergeTargets } from './commit-batch.ts';
import type { ColumnRole, KnownQuestion } from './header-mapping.ts';
import { hashFile } from './ingest-file.ts';
import { cliLimits, describeBytes, type IngestLimits } from './limits.ts';
import { countMergeOutcome, quoteIdentifier, readStagedSql, type MergeCounts } from './merge-records.ts';
import type { ParseResult, RejectedRow } from './parse-file.ts';
import { startParseRun, type ParseRun } from './parse-run.ts';
import { listKnownQuestions } from './survey-load.ts';
import { readKindCandidates } from './preview-candidates.ts';
import { describeDuplicate, stageTable } from './record-stage.ts';
import type { StagedBatch } from './stage-batch.ts';

/** The same request as ingestFile's, less what only a commit needs (who, acceptance, progress hooks). */
export interface PreviewRequest {
	filePath: string;
	fileName?: string;
	kind?: KindName;
	mapping?: Record<string, string>;
	answerLabels?: AnswerLabels;
	questionScales?: Record<string, SurveyScale>;
	sheetName?: string;
	wave?: string;
	limits?: IngestLimits;
	inWorker?: boolean;
	/** Rows and bytes read so far, as the parse worker reports them (a page shows it for large files). */
	onProgress?: (rowsRead: number, bytesRead?: number) => void;
}

export type SampleValue = string | number | boolean | null;

export interface FilePreview {
	file: string;
	sha256: string;
	alreadyLoaded: { batchId: number; loadedAt: string; uploadedBy: string } | null;
	kind: KindName | null;
	/** When the kind could not be decided: the kinds the header could be, most plausible first. */
	kindCandidates?: KindName[];
	/** The Excel row number of the header. */
	headerRowNumber: number | null;
	/** The header row's cells as read (blanks included): what saveColumnMapping takes to remember a mapping. */
	headerCells: string[];
	columns: {
		index: number;
		header: string;
		role: 'field' | 'question' | 'ignored';
		field?: string;
		code?: string;
	}[];
	unknownHeaders: string[];
	missingRequired: string[];
	/** The kind's fields, for a mapping editor: name, required?, aliases (first Chinese, first English). */
	fields: { name: string; required: boolean; label: string }[];
	/**
	 * A survey's question columns with their distinct answers as written, most frequent first (at most 30),
	 * and the code each will be stored as: null marks a label to map (its rows are invalid until then).
	 */
	questions?: {
		header: string;
		code: string;
		text: string;
		scale: string;
		labels: { label: string; count: number; code: string | null }[];
	}[];
	/** The first rows as they will be stored (normalised values, field names as keys). */
	sampleRows: Record<string, SampleValue>[];
	counts: {
		read: number;
		new: number;
		updated: number;
		unchanged: number;
		invalid: number;
		duplicate: number;
		skipped: number;
	};
	/** Every invalid or duplicate row, by Excel row number. */
	problems: { row: number; column: string | null; value: string | null; reason: string }[];
	/** A file-level problem in plain words naming the file. */
	message: string | null;
}

const sampleSize = 20;

function describeFields(kind: KindName | null): FilePreview['fields'] {
	if (!kind) return [];
	return kindRegistry[kind].fields.map((f) => ({
		name: f.name,
		required: f.requiredColumn,
		label: describeFieldLabel(f).label
	}));
}

function describeColumns(columns: readonly ColumnRole[]): FilePreview['columns'] {
	return columns.map((c) => {
		if (c.role === 'field') return { index: c.index, header: c.header, role: c.role, field: c.field };
		if (c.role === 'question') return { index: c.index, header: c.header, role: c.role, code: c.code };
		return { index: c.index, header: c.header, role: c.role };
	});
}

function createEmptyPreview(file: string, sha256: string, message: string | null): FilePreview {
	return {
		file,
		sha256,
		alreadyLoaded: null,
		kind: null,
		headerRowNumber: null,
		headerCells: [],
		columns: [],
		unknownHeaders: [],
		missingRequired: [],
		fields: [],
		sampleRows: [],
		counts: { read: 0, new: 0, updated: 0, unchanged: 0, invalid: 0, duplicate: 0, skipped: 0 },
		problems: [],
		message
	};
}

/**
 * Reads, normalises and stages a file exactly as ingestFile would, and says what a commit would do —
 * without committing: no record table, batch or quarantine row changes, and the stage is dropped.
 */
export async function previewFile(db: CourtyardDatabase, request: PreviewRequest): Promise<FilePreview> {
	const fileName = request.fileName ?? path.basename(request.filePath);
	const limits = request.limits ?? cliLimits;
	const size = fs.statSync(request.filePath).size;
	if (size > limits.maxFileBytes) {
		const message = `${fileName} is ${describeBytes(size)}, over the ${describeBytes(limits.maxFileBytes)} limit; it was not read.`;
		return createEmptyPreview(fileName, '', message);
	}
	const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'courtyard-preview-'));
	const connection = await db.connect();
	let run: ParseRun | null = null;
	try {
		const rememberedMappings = request.mapping ? undefined : await listRememberedMappings(connection);
		const rememberedAnswerMappings = request.mapping
			? undefined
			: await listRememberedAnswerMappings(connection);
		const knownQuestions = await listKnownQuestions(connection);
		run = startParseRun(
			connection,
			{ ...request, fileName, limits, rememberedMappings, rememberedAnswerMappings, knownQuestions },
			workDir
		);
		const sha256 = await hashFile(request.filePath);
		const earlier = await findLoadedBatchByHash(connection, sha256);
		const alreadyLoaded = earlier
			? {
					batchId: earlier.id,
					loadedAt: (earlier.finished_at ?? earlier.started_at).toISOString(),
					uploadedBy: earlier.uploaded_by
				}
			: null;
		const { parsed, error } = await run.parsing;
		if (error) {
			if (!(error instanceof InputError)) throw error;
			const preview = { ...createEmptyPreview(fileName, sha256, error.message), alreadyLoaded };
			return await describeUnreadHeader(
				preview,
				error,
				{ ...request, fileName, limits },
				rememberedMappings,
				knownQuestions
			);
		}
		const batch = await run.stage(parsed!);
		const preview = await describeStagedBatch(connection, batch, request.wave);
		return { ...preview, file: fileName, sha256, alreadyLoaded };
	} finally {
		await run?.settle();
		await connection.run(`DROP TABLE IF EXISTS ${stageTable}`);
		connection.closeSync();
		fs.rmSync(workDir, { recursive: true, force: true });
	}
}

/** When no kind or header could be settled, the closest readings, so the user can choose or map. */
async function describeUnreadHeader(
	preview: FilePreview,
	error: InputError,
	request: PreviewRequest & { fileName: string; limits: IngestLimits },
	rememberedMappings: Record<string, Record<string, string>> | undefined,
	knownQuestions: KnownQuestion[]
): Promise<FilePreview> {
	if (!['ambiguous-kind', 'unknown-kind', 'missing-columns'].includes(error.code)) return preview;
	const candidates = await readKindCandidates(request, rememberedMappings, knownQuestions);
	if (candidates.length === 0) return preview;
	const closest = candidates[0];
	return {
		...preview,
		kindCandidates: candidates.map((c) => c.kind),
		headerRowNumber: closest.headerRowNumber,
		headerCells: closest.headerCells,
		columns: describeColumns(closest.columns),
		unknownHeaders: closest.unknownHeaders,
		missingRequired: closest.missingRequired,
		fields: describeFields(closest.kind)
	};
}

async function describeStagedBatch(
	connection: DuckDBConnection,
	batch: StagedBatch,
	wave: string | undefined
): Promise<FilePreview> {
	const parsed = batch.parsed;
	let message: string | null = null;
	let merge: MergeCounts = { staged: batch.rowsValid, inserted: batch.rowsValid, updated: 0, unchanged: 0 };
	if (parsed.survey) {
		const waveId = chooseSurveyWave(parsed, wave);
		if (!waveId)
			message = 'The responses have no valid dates yet, so the survey wave cannot be chosen from them.';
		else if (parsed.staged && parsed.staged.rows > 0)
			merge = await countMergeOutcome(connection, describeRespondentMergeTarget(parsed, waveId));
	} else {
		// The batch's counts are its first output's, as ingestFile reports them.
		merge = await countMergeOutcome(connection, listStageMergeTargets(kindRegistry[parsed.kind])[0]);
	}
	const problems = [
		...readRejectedRows(batch.rejectFiles).flatMap((r) => r.problems.map((p) => ({ row: r.row, ...p }))),
		...batch.duplicates.map((d) => describeDuplicate(d, batch.idHeader))
	].sort((a, b) => a.row - b.row);
	return {
		...createEmptyPreview('', '', message),
		kind: parsed.kind,
		headerRowNumber: parsed.headerRowNumber,
		headerCells: parsed.headerCells,
		columns: describeColumns(parsed.columns),
		unknownHeaders: parsed.unknownHeaders,
		missingRequired: [],
		fields: describeFields(parsed.kind),
		questions: parsed.survey?.questions.map((q) => ({
			header: q.header,
			code: q.code,
			text: q.text,
			scale: q.scale,
			labels: q.labels
		})),
		sampleRows: await readSampleRows(connection, parsed),
		counts: {
			read: batch.rowsRead,
			new: merge.inserted,
			updated: merge.updated,
			unchanged: merge.unchanged,
			invalid: batch.rowsRejected - batch.duplicates.length,
			duplicate: batch.duplicates.length,
			skipped: batch.rowsSkipped
		},
		problems
	};
}

/** Every rejected row the parse or the bulk path wrote (JSON lines), not only the first fifty. */
function readRejectedRows(files: readonly string[]): RejectedRow[] {
	return files.flatMap((file) =>
		fs
			.readFileSync(file, 'utf8')
			.split('\n')
			.filter((line) => line.trim() !== '')
			.map((line) => JSON.parse(line) as RejectedRow)
	);
}

/** Dates as ISO text and money as numbers: JSON-friendly, the way the tables will show them. */
function selectReadable(column: { name: string; sqlType: string }): string {
	const name = quoteIdentifier(column.name);
	if (/^(DATE|TIMESTAMP)/.test(column.sqlType)) return `${name}::VARCHAR AS ${name}`;
	if (/^DECIMAL/.test(column.sqlType)) return `${name}::DOUBLE AS ${name}`;
	return name;
}

async function readSampleRows(
	connection: DuckDBConnection,
	parsed: ParseResult
): Promise<Record<string, SampleValue>[]> {
	if (parsed.survey) {
		const staged = parsed.staged;
		if (!staged || staged.rows === 0) return [];
		const columns = [
			{ name: 'id', sqlType: 'VARCHAR' },
			{ name: 'source_row', sqlType: 'INTEGER' },
			...staged.columns
		];
		return queryRows<Record<string, SampleValue>>(
			connection,
			`SELECT ${staged.columns.map(selectReadable).join(', ')} FROM ${readStagedSql(staged.path, columns)}
				ORDER BY source_row LIMIT ${sampleSize}`
		);
	}
	const kind = kindRegistry[parsed.kind];
	return queryRows<Record<string, SampleValue>>(
		connection,
		// The id as stored: the file's own, derived (units) or the content hash of a row without one.
		`SELECT stage_id AS id, ${kind.fields
			.filter((f) => f.name !== 'id')
			.map(selectReadable)
			.join(', ')} FROM ${stageTable} ORDER BY source_row LIMIT ${sampleSize}`
	);
}
