import fs from 'node:fs';
import { InputError, type ReadLimits } from './sheet-row.ts';

/** What DuckDB needs to know to read a CSV directly and number its rows as Excel does. */
export interface CsvLayout {
	/** Records in the file, title and header rows and empty lines included. */
	records: number;
	/** The widest record: DuckDB reads that many columns. */
	width: number;
	/** Some non-empty record is narrower than the widest (DuckDB must pad, reading single-threaded). */
	ragged: boolean;
	/** Excel rows of empty lines, which DuckDB skips. */
	emptyRows: number[];
	lineBreak: '\r\n' | '\n';
}

const QUOTE = 34;
const LINE_FEED = 10;
const CARRIAGE_RETURN = 13;

/**
 * Walks a UTF-8 CSV byte by byte (quote-aware; multi-byte characters never contain these ASCII bytes):
 * far cheaper than parsing it, and enough to count records, find empty lines and the widest record.
 * DuckDB's own count is checked against it before its rows are used.
 */
export async function scanCsvLayout(
	filePath: string,
	fileName: string,
	delimiter: string,
	limits: ReadLimits
): Promise<CsvLayout> {
	const separator = delimiter.charCodeAt(0);
	let inQuote = false;
	let quoteStartRow = 0;
	let record = 1;
	let fields = 1;
	let recordBytes = 0;
	let width = 0;
	let narrowest = Number.MAX_SAFE_INTEGER;
	let crlf = 0;
	let lf = 0;
	let previous = 0;
	const emptyRows: number[] = [];
	const endRecord = () => {
		if (recordBytes === 0) emptyRows.push(record);
		else {
			if (fields > width) width = fields;
			if (fields < narrowest) narrowest = fields;
		}
		if (fields > limits.maxColumns) {
			throw new InputError(
				`${fileName}: row ${record} has ${fields} columns, over the limit of ${limits.maxColumns}.`,
				'too-many-columns'
			);
		}
		record++;
		if (record > limits.maxRows + 1) {
			throw new InputError(
				`${fileName} has more than ${limits.maxRows} rows, the limit for one file.`,
				'too-many-rows'
			);
		}
		fields = 1;
		recordBytes = 0;
	};
	for await (const chunk of fs.createReadStream(filePath, { highWaterMark: 1 << 20 })) {
		const bytes = chunk as Buffer;
		for (let i = 0; i < bytes.length; i++) {
			const byte = bytes[i];
			if (byte === QUOTE) {
				if (!inQuote) quoteStartRow = record;
				inQuote = !inQuote;
				recordBytes++;
			} else if (inQuote) {
				recordBytes++;
			} else if (byte === LINE_FEED) {
				if (previous === CARRIAGE_RETURN) {
					crlf++;
					recordBytes--;
				} else lf++;
				endRecord();
			} else {
				if (byte === separator) fields++;
				recordBytes++;
			}
			previous = byte;
		}
	}
	if (inQuote) {
		throw new InputError(
			`${fileName}: a quoted value that starts on row ${quoteStartRow} is never closed (a stray " in the file?).`,
			'unreadable'
		);
	}
	if (recordBytes > 0) endRecord();
	const records = record - 1;
	return {
		records,
		width,
		ragged: narrowest < width,
		emptyRows: emptyRows.filter((row) => row <= records),
		lineBreak: crlf > lf ? '\r\n' : '\n'
	};
}
