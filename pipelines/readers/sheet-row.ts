/** One cell as a reader hands it over: text from CSV, typed values from XLSX. */
export type CellValue = string | number | boolean | Date | null;

/**
 * One physical row of the source, numbered as the user sees it in Excel
 * (1-based; for CSV the record index + 1, so a quoted newline does not shift later rows).
 */
export interface SheetRow {
	rowNumber: number;
	cells: CellValue[];
}

/** What a reader learned about the file while reading it. */
export interface ReaderInfo {
	format: 'csv' | 'xlsx';
	/** CSV only: the text encoding that was detected (utf-8, utf-8-bom, utf-16le, utf-16be, gb18030). */
	encoding?: string;
	/** CSV only: the delimiter that was detected. */
	delimiter?: string;
	/** XLSX only: the sheet that was read, and whether the workbook uses the 1904 date system. */
	sheetName?: string;
	date1904?: boolean;
	/** CSV only: the record separator (LF also covers CRLF). */
	newline?: '\n' | '\r';
	/** Bytes of the file consumed so far, for progress bars (CSV only). */
	bytesRead?: number;
}

/** Thrown for input the user must fix; the message names the file and the reason in plain words. */
export class InputError extends Error {
	constructor(
		message: string,
		readonly code:
			| 'empty-file'
			| 'unsupported-format'
			| 'too-large'
			| 'too-many-rows'
			| 'too-many-columns'
			| 'unsafe-archive'
			| 'unreadable'
			| 'no-header'
			| 'unknown-kind'
			| 'ambiguous-kind'
			| 'missing-columns'
			| 'invalid-mapping'
			| 'timeout'
			| 'out-of-memory'
	) {
		super(message);
		this.name = 'InputError';
	}
}

/** Limits enforced while reading; every one is configurable (see pipelines/load/limits.ts). */
export interface ReadLimits {
	maxRows: number;
	maxColumns: number;
	/** XLSX: entries in the zip, and total bytes counted while inflating. */
	maxZipEntries: number;
	maxUncompressedBytes: number;
}
