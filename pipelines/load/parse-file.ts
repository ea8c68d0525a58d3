import path from 'node:path';
import type { KindDefinition, KindName, ParseContext } from '../kinds/kind-definition.ts';
import { kindRegistry } from '../kinds/kind-registry.ts';
import { InputError, type ReadLimits, type ReaderInfo, type SheetRow } from '../readers/sheet-row.ts';
import {
	createOverrideChooser,
	detectHeader,
	headerSearchRows,
	indexQuestionTexts,
	mapHeaderRow,
	type ColumnRole,
	type HeaderMapping,
	type KnownQuestion,
	type QuestionTextIndex
} from './header-mapping.ts';
import { displayCell, isBlankRow, isTotalsRow } from './row-classes.ts';
import { openRowSource } from './row-source.ts';
import type { TextEncodingName } from '../readers/text-encoding.ts';
import { transcodeToUtf8 } from '../readers/transcode.ts';
import { scanCsvLayout, type CsvLayout as ScannedLayout } from '../readers/csv-layout.ts';
import {
	computeHeaderSignature,
	type AnswerMapping,
	type RememberedAnswerMappings
} from './column-mappings.ts';
import { RawCellWriter } from './raw-cell-writer.ts';
import { describeDuplicate } from './record-stage.ts';
import { JsonLinesWriter, StagedFileWriter } from './staged-file.ts';
import { createSurveyRowHandler, type SurveyParseSummary } from './survey-rows.ts';
import { createRowNormaliser, type RowHandler, type RowProblem } from './row-normalisation.ts';

export type { RowProblem } from './row-normalisation.ts';

export interface ParseRequest {
	filePath: string;
	/** The name the user knows the file by; used in every message. */
	fileName: string;
	kind?: KindName;
	sheetName?: string;
	/** Directory for the staged files; the caller removes it. */
	workDir: string;
	limits: ReadLimits;
	/** Hand-corrected mapping: source header → field name, or '' to ignore the column. */
	mapping?: Record<string, string>;
	/** Mappings saved earlier, by header signature (column-mappings.ts); used when `mapping` is not given. */
	rememberedMappings?: Record<string, Record<string, string>>;
	/**
	 * 'scan' lets a large CSV of a record kind be converted by DuckDB instead: the worker only finds its
	 * header, kind and layout (see bulk-csv.ts). Other files are always parsed in full.
	 */
	mode?: 'full' | 'scan';
	/** Survey files: the file's own answer labels → stored answer codes, tried before the built-in labels. */
	answerLabels?: Record<string, string>;
	/** Survey files: question code → scale (likert5, sat3, score0_10), replacing the inferred one. */
	questionScales?: Record<string, string>;
	/** Survey answer mappings saved with a column mapping, by header signature; used when none is given. */
	rememberedAnswerMappings?: RememberedAnswerMappings;
	/** Survey questions of every wave, latest first: a column without a code is one of them by its text. */
	knownQuestions?: KnownQuestion[];
}

export interface RejectedRow {
	row: number;
	problems: RowProblem[];
	cells: (string | null)[];
}

/** A CSV of normalised rows (id, source_row, then the columns) that DuckDB reads back typed. */
export interface StagedFile {
	path: string;
	columns: { name: string; sqlType: string }[];
	rows: number;
}

/** What the scan of a CSV learned for DuckDB to read it directly (bulk-csv.ts). */
export interface CsvLayout extends ScannedLayout {
	/** A UTF-8 copy when the original is in another encoding. */
	utf8Path: string | null;
	/** A workbook's rows as text, in parts (raw-cell-writer.ts); DuckDB may already hold the finished ones. */
	parts?: string[];
	delimiter: string;
	/** The first column holds each row's Excel row number (a workbook's rows written as text). */
	rowNumberColumn: boolean;
}

export interface ParseResult {
	kind: KindName;
	reader: ReaderInfo;
	headerRowNumber: number;
	headerCells: string[];
	columns: ColumnRole[];
	unknownHeaders: string[];
	rowsRead: number;
	rowsSkipped: number;
	rowsRejected: number;
	rowsValid: number;
	/** The valid rows, normalised; null when the file was only scanned. */
	staged: StagedFile | null;
	layout?: CsvLayout;
	rejectsPath: string;
	firstRejects: RejectedRow[];
	dateRange: { min: string; max: string } | null;
	areas: string[];
	survey?: SurveyParseSummary;
}

function createGenericRowHandler(
	kind: KindDefinition,
	mapping: HeaderMapping,
	workDir: string,
	context: ParseContext,
	track: (record: Record<string, unknown>) => void
): RowHandler {
	const normalise = createRowNormaliser(kind, mapping.columns, context);
	const staged = new StagedFileWriter(path.join(workDir, 'stage.csv'), [
		'stage_id',
		'source_row',
		...kind.fields.map((f) => f.name)
	]);
	const names = kind.fields.map((f) => f.name);
	const values: unknown[] = new Array(names.length);
	const firstRowOfId = new Map<string, number>();
	const idHeader =
		mapping.columns.find((c) => c.role === 'field' && c.field === kind.idField)?.header ?? null;
	return {
		handleRow(row) {
			const outcome = normalise(row.cells);
			if (outcome.problems.length > 0) return outcome.problems;
			// Rows without an id get their content hash in SQL, the same on both load paths.
			const id = outcome.id ?? '';
			if (id !== '') {
				const first = firstRowOfId.get(id);
				if (first !== undefined) {
					const { column, value, reason } = describeDuplicate(
						{ row: row.rowNumber, firstRow: first, id, hashed: false },
						idHeader
					);
					return [{ column, value, reason }];
				}
				firstRowOfId.set(id, row.rowNumber);
			}
			for (let i = 0; i < names.length; i++) values[i] = outcome.record[names[i]];
			staged.writeRecord(id, row.rowNumber, values);
			track(outcome.record);
			return [];
		},
		finish() {
			staged.close();
			return {
				staged: {
					path: staged.path,
					columns: kind.fields.map((f) => ({ name: f.name, sqlType: f.sqlType })),
					rows: staged.rows
				}
			};
		}
	};
}

/**
 * Reads a whole file, finds its header and kind, normalises every row and writes the valid ones to
 * staged CSV files and the invalid ones to a rejects file. Touches no database: it runs in a worker.
 */
export async function parseFile(
	request: ParseRequest,
	onProgress?: (rowsRead: number, bytesRead?: number) => void,
	onPart?: (partPath: string, width: number) => void
): Promise<ParseResult> {
	const { rows, info } = await openRowSource(request.filePath, request.fileName, {
		limits: request.limits,
		sheetName: request.sheetName
	});
	const pending: SheetRow[] = [];
	let mapping: HeaderMapping | null = null;
	let handler: RowHandler | null = null;
	let kind: KindDefinition | null = null;
	const rejects = new JsonLinesWriter(path.join(request.workDir, 'rejects.jsonl'));
	const firstRejects: RejectedRow[] = [];
	const counts = { read: 0, skipped: 0, rejected: 0, valid: 0 };
	let scanOnly = false;
	// A workbook's rows, as text, for DuckDB to convert like a CSV's (bulk-csv.ts).
	let rawCells: RawCellWriter | null = null;
	let minDate: string | null = null;
	let maxDate: string | null = null;
	const areas = new Set<string>();

	const startHandler = () => {
		const chooseOverrides = createOverrideChooser(request.mapping, request.rememberedMappings);
		const questionTexts = indexQuestionTexts(request.knownQuestions);
		mapping = detectHeader(pending, request.fileName, request.kind, chooseOverrides, questionTexts);
		if (request.mapping) mapping = applyMappingOverrides(mapping, pending, request, questionTexts);
		kind = kindRegistry[mapping.kind];
		const context: ParseContext = { date1904: info.date1904 ?? false };
		const periodField = kind.periodField ?? '';
		const track = (record: Record<string, unknown>) => {
			const date = record[periodField] as string | null | undefined;
			if (date) {
				if (minDate === null || date < minDate) minDate = date;
				if (maxDate === null || date > maxDate) maxDate = date;
			}
			if (record.area) areas.add(record.area as string);
		};
		scanOnly =
			request.mode === 'scan' &&
			kind.kind !== 'surveys' &&
			(info.format === 'xlsx' || (info.format === 'csv' && info.newline === '\n'));
		if (scanOnly && info.format === 'xlsx')
			rawCells = new RawCellWriter(request.workDir, mapping.headerCells.length, onPart);
		handler =
			kind.kind === 'surveys'
				? createSurveyRowHandler(
						kind,
						mapping,
						request.workDir,
						context,
						track,
						chooseAnswerMapping(request, pending, mapping)
					)
				: createGenericRowHandler(kind, mapping, request.workDir, context, track);
		const afterHeader = pending.filter((r) => r.rowNumber > mapping!.headerRowNumber);
		pending.length = 0;
		for (const row of afterHeader) processRow(row);
	};

	const processRow = (row: SheetRow) => {
		counts.read++;
		if (rawCells) {
			rawCells.writeRow(row);
			return;
		}
		if (scanOnly) return;
		if (isBlankRow(row.cells) || isTotalsRow(row.cells)) {
			counts.skipped++;
			return;
		}
		const problems = handler!.handleRow(row);
		if (problems.length === 0) {
			counts.valid++;
			return;
		}
		counts.rejected++;
		const rejected: RejectedRow = { row: row.rowNumber, problems, cells: row.cells.map(displayCell) };
		rejects.write(rejected);
		if (firstRejects.length < 50) firstRejects.push(rejected);
	};

	try {
		for await (const chunk of rows) {
			for (const row of chunk) {
				if (handler) processRow(row);
				else {
					pending.push(row);
					if (pending.length >= headerSearchRows) startHandler();
				}
			}
			onProgress?.(counts.read, info.bytesRead);
			// A scanned CSV is read by DuckDB: the header was all the parser had to find.
			if (scanOnly && !rawCells) break;
		}
		if (!handler) {
			if (pending.length === 0 || pending.every((r) => isBlankRow(r.cells)))
				throw new InputError(`${request.fileName} has no rows.`, 'empty-file');
			startHandler();
		}
	} finally {
		rejects.close();
	}
	const finished = (handler as RowHandler | null)!.finish();
	let layout: CsvLayout | undefined;
	const rawWriter = rawCells as RawCellWriter | null;
	if (rawWriter) {
		rawWriter.close();
		layout = rawWriter.describe();
	} else if (scanOnly) {
		const encoding = info.encoding as TextEncodingName;
		const utf8Path =
			encoding === 'utf-8' || encoding === 'utf-8-bom' ? null : path.join(request.workDir, 'utf8.csv');
		if (utf8Path) await transcodeToUtf8(request.filePath, encoding, utf8Path);
		const delimiter = info.delimiter ?? ',';
		const scanned = await scanCsvLayout(
			utf8Path ?? request.filePath,
			request.fileName,
			delimiter,
			request.limits
		);
		layout = { ...scanned, utf8Path, delimiter, rowNumberColumn: false };
	}
	const finalMapping = mapping as HeaderMapping | null;
	if (counts.read === 0) {
		throw new InputError(
			`${request.fileName} has a header row (row ${finalMapping!.headerRowNumber}) but no data rows.`,
			'empty-file'
		);
	}
	return {
		kind: (kind as KindDefinition | null)!.kind,
		reader: info,
		headerRowNumber: finalMapping!.headerRowNumber,
		headerCells: finalMapping!.headerCells,
		columns: finalMapping!.columns,
		unknownHeaders: finalMapping!.unknownHeaders,
		rowsRead: counts.read,
		rowsSkipped: counts.skipped,
		rowsRejected: counts.rejected,
		rowsValid: counts.valid,
		staged: scanOnly ? null : finished.staged,
		layout,
		rejectsPath: rejects.path,
		firstRejects,
		dateRange: minDate && maxDate ? { min: minDate, max: maxDate } : null,
		areas: [...areas].sort(),
		survey: finished.survey
	};
}

/** Applies a user's column choices on top of the detected mapping, keeping the detected header row. */
function applyMappingOverrides(
	mapping: HeaderMapping,
	rows: SheetRow[],
	request: ParseRequest,
	questionTexts: QuestionTextIndex
): HeaderMapping {
	const headerRow = rows.find((r) => r.rowNumber === mapping.headerRowNumber)!;
	const remapped = mapHeaderRow(kindRegistry[mapping.kind], headerRow, request.mapping!, questionTexts);
	if (remapped.missingRequired.length > 0) {
		throw new InputError(
			`${request.fileName}: required columns are missing after the mapping: ${remapped.missingRequired.join(', ')}.`,
			'missing-columns'
		);
	}
	return remapped;
}

/**
 * The answer labels and scales a request gives, as a whole; else those remembered with this survey layout
 * (only when no column mapping is given either: a remembered correction applies whole or not at all).
 */
function chooseAnswerMapping(request: ParseRequest, rows: SheetRow[], mapping: HeaderMapping): AnswerMapping {
	if (request.answerLabels || request.questionScales)
		return { answerLabels: request.answerLabels, questionScales: request.questionScales };
	if (request.mapping || !request.rememberedAnswerMappings) return {};
	const headerRow = rows.find((r) => r.rowNumber === mapping.headerRowNumber)!;
	return request.rememberedAnswerMappings[computeHeaderSignature(mapping.kind, headerRow.cells)] ?? {};
}
