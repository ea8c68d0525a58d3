import path from 'node:path';
import { InputError, type ReaderInfo, type ReadLimits, type SheetRow } from './sheet-row.ts';
import { createCellContext, MergeFiller } from './xlsx-cells.ts';
import { openSheetReader } from './xlsx-stream.ts';
import { inspectXlsxArchive, type XlsxArchiveFacts, type XlsxSheetFacts } from './zip-guard.ts';

export interface XlsxReadOptions {
	limits: ReadLimits;
	/** Filled in while reading: format, sheetName, date1904. */
	info: ReaderInfo;
	/** Read this sheet instead of the first visible one with data. */
	sheetName?: string;
	/** Rows per yielded batch (default 2,000). */
	chunkRows?: number;
}

const DEFAULT_CHUNK_ROWS = 2_000;

/**
 * Streams the rows of one sheet of an XLSX workbook, in batches. The archive is inspected first
 * (zip bombs, path tricks, DTDs), then read with exceljs's streaming reader so memory stays flat.
 */
export async function* readXlsxRows(filePath: string, options: XlsxReadOptions): AsyncGenerator<SheetRow[]> {
	const fileName = path.basename(filePath);
	const { limits, info } = options;
	const facts = await inspectXlsxArchive(filePath, limits);
	const sheet = chooseSheet(facts, options.sheetName, fileName);
	info.format = 'xlsx';
	info.sheetName = sheet.name;
	info.date1904 = facts.date1904;

	const chunkRows = Math.max(1, Math.floor(options.chunkRows ?? DEFAULT_CHUNK_ROWS));
	const filler = new MergeFiller(sheet.mergedRanges, limits.maxColumns);
	const reader = openSheetReader(filePath, facts, sheet);
	let batch: SheetRow[] = [];
	let dataRows = 0;
	let sheetFound = false;
	try {
		for await (const sheet of reader.sheets) {
			sheetFound = true;
			// read now: exceljs takes the workbook properties when the sheet's parse starts
			const cell = createCellContext(facts.date1904, reader.assumes1904());
			const rows = sheet.readRows({ cell, maxColumns: limits.maxColumns, fileName });
			for await (const parsed of rows) {
				for (const { number, cells } of parsed) {
					filler.fill(number, cells);
					if (cells.some((value) => value !== null) && ++dataRows > limits.maxRows) {
						throw new InputError(`${fileName} has more than ${limits.maxRows} rows of data`, 'too-many-rows');
					}
					batch.push({ rowNumber: number, cells });
					if (batch.length >= chunkRows) {
						yield batch;
						batch = [];
					}
				}
			}
			break;
		}
	} catch (error) {
		throw error instanceof InputError
			? error
			: new InputError(`${fileName} could not be read: ${describe(error)}`, 'unreadable');
	} finally {
		reader.close();
	}
	if (batch.length > 0) yield batch;
	if (!sheetFound) {
		throw new InputError(`${fileName} could not be read: sheet "${sheet.name}" has no content`, 'unreadable');
	}
	if (dataRows === 0) throw new InputError(`${fileName} has no data in sheet "${sheet.name}"`, 'empty-file');
}

/** The named sheet, or else the first visible sheet holding at least one value. */
function chooseSheet(
	facts: XlsxArchiveFacts,
	sheetName: string | undefined,
	fileName: string
): XlsxSheetFacts {
	if (sheetName !== undefined) {
		const wanted = sheetName.trim().toLowerCase();
		const sheet =
			facts.sheets.find((candidate) => candidate.name === sheetName) ??
			// Excel itself treats sheet names case-insensitively
			facts.sheets.find((candidate) => candidate.name.trim().toLowerCase() === wanted);
		if (sheet) return sheet;
		throw new InputError(
			`${fileName} has no sheet named "${sheetName}". Available sheets: ${listSheetNames(facts)}`,
			'unreadable'
		);
	}
	const sheet = facts.sheets.find((candidate) => candidate.state === 'visible' && candidate.hasValues);
	if (sheet) return sheet;
	const hiddenWithData = facts.sheets.some((candidate) => candidate.hasValues);
	const detail = hiddenWithData ? ' (only hidden sheets contain values; name one to read it)' : '';
	throw new InputError(`${fileName} has no data${detail}`, 'empty-file');
}

function listSheetNames(facts: XlsxArchiveFacts): string {
	const names = facts.sheets
		.filter((sheet) => sheet.state !== 'veryHidden')
		.map((sheet) => `"${sheet.name}"${sheet.state === 'hidden' ? ' (hidden)' : ''}`);
	return names.length > 0 ? names.join(', ') : '(none)';
}

function describe(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
