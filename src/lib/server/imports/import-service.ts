import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { enqueueWrite, ingestFile, type IngestResult } from '$pipelines/load/ingest-file.ts';
import { listBatches, getBatch, type BatchRecord } from '$pipelines/load/batch-registry.ts';
import { saveColumnMapping } from '$pipelines/load/column-mappings.ts';
import { webUploadLimits } from '$pipelines/load/limits.ts';
import { previewFile, type FilePreview } from '$pipelines/load/preview-file.ts';
import { rollbackBatch, RollbackRefusedError } from '$pipelines/load/rollback-batch.ts';
import { writeValidationReport } from '$pipelines/load/validation-report.ts';
import type { KindName } from '$pipelines/kinds/kind-definition.ts';
import type { AnswerCode, SurveyScale } from '$pipelines/kinds/survey-answers.ts';
import { getDatabase, withConnection } from '../database.ts';
import { findPendingUpload, keepPendingUpload, discardPendingUpload } from './pending-uploads.ts';

export interface UploadChoices {
	kind?: KindName;
	/** Source header → field name, `question:CODE` for a survey question, or '' to ignore the column. */
	mapping?: Record<string, string>;
	/** A survey's own answer labels → stored answer codes. */
	answerLabels?: Record<string, AnswerCode>;
	/** Question code → scale, where the inferred one is wrong. */
	questionScales?: Record<string, SurveyScale>;
}

export class ImportRequestError extends Error {
	constructor(
		readonly status: number,
		message: string
	) {
		super(message);
	}
}

function requireUpload(uploadId: string) {
	const upload = findPendingUpload(uploadId);
	if (!upload)
		throw new ImportRequestError(
			404,
			'That upload is no longer waiting to be loaded; upload the file again.'
		);
	return upload;
}

/** A received file kept for the user to check, with what loading it would do. */
export async function previewNewUpload(
	received: { filePath: string; fileName: string },
	choices: UploadChoices,
	onProgress?: (share: number) => void
): Promise<{ uploadId: string; preview: FilePreview }> {
	const upload = keepPendingUpload(received.filePath, received.fileName);
	return { uploadId: upload.id, preview: await previewPendingUpload(upload.id, choices, onProgress) };
}

/** The preview again, after the user changed the kind or the column mapping. */
export async function previewPendingUpload(
	uploadId: string,
	choices: UploadChoices,
	/** Share of the file read so far (0–1), as the parse worker reports it. */
	onProgress?: (share: number) => void
): Promise<FilePreview> {
	const upload = requireUpload(uploadId);
	const size = Math.max(1, fs.statSync(upload.filePath).size);
	return previewFile(await getDatabase(), {
		onProgress:
			onProgress &&
			((_rows, bytesRead) => bytesRead !== undefined && onProgress(Math.min(1, bytesRead / size))),
		filePath: upload.filePath,
		fileName: upload.fileName,
		kind: choices.kind,
		mapping: choices.mapping,
		answerLabels: choices.answerLabels,
		questionScales: choices.questionScales,
		limits: webUploadLimits
	});
}

/** Loads a previewed upload; a hand-corrected mapping is remembered for the next file with the same header. */
export async function commitPendingUpload(
	uploadId: string,
	choices: UploadChoices & { acceptPartial: boolean; rememberMapping: boolean; user: string }
): Promise<IngestResult> {
	const upload = requireUpload(uploadId);
	const db = await getDatabase();
	const result = await ingestFile(db, {
		filePath: upload.filePath,
		fileName: upload.fileName,
		kind: choices.kind,
		mapping: choices.mapping,
		answerLabels: choices.answerLabels,
		questionScales: choices.questionScales,
		acceptPartial: choices.acceptPartial,
		uploadedBy: choices.user,
		source: 'web',
		limits: webUploadLimits
	});
	if (choices.rememberMapping && choices.mapping && result.kind && result.headerCells) {
		const headerCells = result.headerCells;
		await enqueueWrite(db, () =>
			saveColumnMapping(db.writer, {
				kind: result.kind!,
				headerCells,
				mapping: choices.mapping!,
				answers: { answerLabels: choices.answerLabels, questionScales: choices.questionScales },
				user: choices.user
			})
		);
	}
	if (result.status === 'loaded' || result.status === 'partial' || result.status === 'duplicate')
		discardPendingUpload(uploadId);
	return result;
}

/** The uploaded file in its own layout with an error column, for staff to fix in Excel. */
export async function buildUploadReport(
	uploadId: string,
	choices: UploadChoices,
	format: 'csv' | 'xlsx'
): Promise<{ body: Buffer; fileName: string }> {
	const upload = requireUpload(uploadId);
	const preview = await previewPendingUpload(uploadId, choices);
	const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'courtyard-report-'));
	try {
		const outputPath = path.join(directory, `report.${format}`);
		await writeValidationReport({
			filePath: upload.filePath,
			fileName: upload.fileName,
			problems: preview.problems,
			format,
			outputPath
		});
		const base = upload.fileName.replace(/\.[^.]+$/, '');
		return { body: fs.readFileSync(outputPath), fileName: `${base}-errors.${format}` };
	} finally {
		fs.rmSync(directory, { recursive: true, force: true });
	}
}

export async function listImportHistory(limit = 100): Promise<BatchRecord[]> {
	return withConnection((connection) => listBatches(connection, limit));
}

/** Undoes a batch through the same write queue as loads; a refusal is the user's to read, not a crash. */
export async function rollbackImport(
	batchId: number,
	user: string
): Promise<{ restored: number; removed: number }> {
	const db = await getDatabase();
	try {
		return await enqueueWrite(db, () => rollbackBatch(db.writer, batchId, user));
	} catch (error) {
		if (error instanceof RollbackRefusedError) throw new ImportRequestError(409, error.message);
		throw error;
	}
}

/** The file a batch was loaded from, as it was uploaded (kept by its SHA-256). */
export async function openBatchOriginal(batchId: number): Promise<{ filePath: string; fileName: string }> {
	const batch = await withConnection((connection) => getBatch(connection, batchId));
	const stored = batch ? path.join(path.dirname((await getDatabase()).path), 'files', batch.sha256) : null;
	if (!batch || !stored || !fs.existsSync(stored))
		throw new ImportRequestError(404, `Batch ${batchId} has no stored original file.`);
	return { filePath: stored, fileName: batch.file_name };
}
