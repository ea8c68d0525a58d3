import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { kindRegistry } from '../kinds/kind-registry.ts';
import { mapHeaderRow } from './header-mapping.ts';
import { BulkPathUnsuitable, stageCsvInBulk } from './bulk-csv.ts';
import type { ParseResult, RejectedRow } from './parse-file.ts';
import {
	appendStagedFile,
	createEmptyStage,
	describeStage,
	settleStageIds,
	type StageDuplicate
} from './record-stage.ts';
import { JsonLinesWriter } from './staged-file.ts';

/** Everything known about a batch once its valid rows sit in the stage, before anything is committed. */
export interface StagedBatch {
	parsed: ParseResult;
	/** Whether DuckDB read the rows (bulk) or the JavaScript parser did. */
	loadPath: 'bulk' | 'javascript';
	rowsRead: number;
	rowsSkipped: number;
	/** Rows rejected, in-file duplicates included. */
	rowsRejected: number;
	rowsValid: number;
	rejectFiles: string[];
	duplicates: StageDuplicate[];
	idHeader: string | null;
	firstRejects: RejectedRow[];
	dateRange: { min: string; max: string } | null;
	areas: string[];
}

/**
 * Puts a parsed file's valid rows into the stage: through DuckDB for a scanned CSV, or from the worker's
 * staged file; falls back to a full JavaScript parse (`reparse`) when the bulk path does not suit the file.
 */
export async function stageParsedFile(
	connection: DuckDBConnection,
	parsed: ParseResult,
	options: {
		filePath: string;
		workDir: string;
		reparse: () => Promise<ParseResult>;
		/** Workbook parts DuckDB already holds (RawPartLoader). */
		preloaded?: ReadonlySet<string>;
	}
): Promise<StagedBatch> {
	const kind = kindRegistry[parsed.kind];
	await createEmptyStage(connection, kind);
	let counts = {
		rowsRead: parsed.rowsRead,
		rowsSkipped: parsed.rowsSkipped,
		rowsRejected: parsed.rowsRejected,
		rowsValid: parsed.rowsValid,
		firstRejects: parsed.firstRejects
	};
	const rejectFiles = parsed.rowsRejected > 0 ? [parsed.rejectsPath] : [];
	let loadPath: StagedBatch['loadPath'] = 'javascript';
	if (parsed.layout) {
		const bulkRejects = new JsonLinesWriter(path.join(options.workDir, 'rejects-bulk.jsonl'));
		try {
			const headerRow = { rowNumber: parsed.headerRowNumber, cells: parsed.headerCells };
			const mapping = { ...mapHeaderRow(kind, headerRow), columns: parsed.columns };
			counts = await stageCsvInBulk(
				connection,
				{ filePath: options.filePath, kind, mapping, layout: parsed.layout, reader: parsed.reader },
				bulkRejects,
				path.join(options.workDir, 'fallback.csv'),
				options.preloaded
			);
			if (counts.rowsRejected > 0) rejectFiles.push(bulkRejects.path);
			loadPath = 'bulk';
		} catch (error) {
			if (!(error instanceof BulkPathUnsuitable)) throw error;
			await createEmptyStage(connection, kind);
			parsed = await options.reparse();
			counts = { ...parsed };
			if (parsed.rowsRejected > 0) rejectFiles.push(parsed.rejectsPath);
		} finally {
			bulkRejects.close();
		}
	}
	if (parsed.staged && parsed.staged.rows > 0) await appendStagedFile(connection, parsed.staged);
	const duplicates = await settleStageIds(connection, kind);
	const described = await describeStage(connection, kind.periodField);
	const idHeader = parsed.columns.find((c) => c.role === 'field' && c.field === kind.idField)?.header ?? null;
	return {
		parsed,
		loadPath,
		rowsRead: counts.rowsRead,
		rowsSkipped: counts.rowsSkipped,
		rowsRejected: counts.rowsRejected + duplicates.length,
		rowsValid: counts.rowsValid - duplicates.length,
		rejectFiles,
		duplicates,
		idHeader,
		firstRejects: counts.firstRejects,
		...described
	};
}
