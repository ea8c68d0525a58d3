import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import Papa from 'papaparse';
import { readFileHead } from './file-format.ts';
import { InputError, type ReaderInfo, type ReadLimits, type SheetRow } from './sheet-row.ts';
import { detectTextEncoding, toDecoderLabel } from './text-encoding.ts';

export interface CsvReadOptions {
	limits: ReadLimits;
	/** Filled in (format, encoding, delimiter) before the first batch is yielded; bytesRead as it goes. */
	info: ReaderInfo;
	/** Rows per yielded batch. */
	chunkRows?: number;
	/** Bytes per read from disk; tests make it tiny so characters and records straddle reads. */
	readBytes?: number;
	/** Longest record accepted, in characters; guards memory against a quote that is never closed. */
	maxRecordChars?: number;
}

type Newline = '\n' | '\r';

interface PapaError {
	code: string;
}

interface PapaResult {
	data: string[][];
	errors: PapaError[];
	meta: { cursor: number };
}

const DEFAULT_CHUNK_ROWS = 2000;
const DEFAULT_READ_BYTES = 1024 * 1024;
const PARSE_BYTES = 64 * 1024;
const DEFAULT_MAX_RECORD_CHARS = 32 * 1024 * 1024;
const SAMPLE_BYTES = 1024 * 1024;
const SAMPLE_RECORDS = 50;
const DELIMITERS = [',', ';', '\t', '|'] as const;
const CARRIAGE_RETURN = 13;
const NOT_WHITESPACE = /\S/;

/**
 * Streams a CSV file as batches of rows, numbered as Excel would number them. Cells are the raw strings
 * of the file; blank lines come through as rows so that row numbers stay right.
 */
export async function* readCsvRows(filePath: string, options: CsvReadOptions): AsyncGenerator<SheetRow[]> {
	const fileName = basename(filePath);
	const head = await readFileHead(filePath, SAMPLE_BYTES);
	const encoding = detectTextEncoding(head);
	const decoderLabel = toDecoderLabel(encoding);
	const wholeFileInHead = head.length < SAMPLE_BYTES;
	// A streaming decode holds back a character cut off at the end of the sample.
	const sample = new TextDecoder(decoderLabel).decode(head, { stream: !wholeFileInHead });
	if (wholeFileInHead && !NOT_WHITESPACE.test(sample)) throw createEmptyFileError(fileName);

	const newline = detectNewline(sample);
	const delimiter = detectDelimiter(sample, newline, wholeFileInHead);
	options.info.format = 'csv';
	options.info.encoding = encoding;
	options.info.delimiter = delimiter;
	options.info.newline = newline;

	const batcher = new RowBatcher(fileName, options.limits, options.chunkRows ?? DEFAULT_CHUNK_ROWS, newline);
	const splitter = new RecordSplitter(
		fileName,
		new Papa.Parser({ delimiter, newline, quoteChar: '"' }),
		newline,
		options.maxRecordChars ?? DEFAULT_MAX_RECORD_CHARS,
		batcher
	);
	const decoder = new TextDecoder(decoderLabel);
	const readSize = options.readBytes ?? DEFAULT_READ_BYTES;
	// In UTF-8 and GB18030 a 0x0A byte is always a line feed, so slices can end on one: then most slices
	// hold whole records and are parsed without first being joined to the carried-over rest of a record.
	const cutAtLineFeed =
		newline === '\n' && (encoding === 'utf-8' || encoding === 'utf-8-bom' || encoding === 'gb18030');
	const sliceSize = Math.min(readSize, PARSE_BYTES);
	for await (const slice of readByteSlices(filePath, readSize, sliceSize, cutAtLineFeed)) {
		options.info.bytesRead = slice.end;
		const text = decoder.decode(slice.bytes, { stream: true });
		if (!batcher.sawContent) batcher.sawContent = NOT_WHITESPACE.test(text);
		splitter.push(text);
		if (batcher.sawContent) yield* batcher.takeFullBatches();
	}
	const tail = decoder.decode();
	if (!batcher.sawContent && !NOT_WHITESPACE.test(tail)) throw createEmptyFileError(fileName);
	splitter.finish(tail);
	yield* batcher.takeFullBatches();
	const rest = batcher.takeRest();
	if (rest.length > 0) yield rest;
}

/**
 * Reads a file in big reads and hands it out in small slices. Each read costs a thread-pool round trip,
 * so the next read runs while the current one is parsed; parsing in small slices keeps few rows alive
 * at once, so most die young and garbage collection stays cheap. A slice is only valid until the next.
 */
async function* readByteSlices(
	filePath: string,
	readSize: number,
	sliceSize: number,
	cutAtLineFeed: boolean
): AsyncGenerator<{ bytes: Uint8Array; end: number }> {
	const handle = await open(filePath, 'r');
	let filled = Buffer.allocUnsafe(readSize);
	let next = Buffer.allocUnsafe(readSize);
	let position = 0;
	let reading = handle.read(filled, 0, readSize, position);
	try {
		for (;;) {
			const { bytesRead } = await reading;
			if (bytesRead === 0) return;
			const start = position;
			position += bytesRead;
			reading = handle.read(next, 0, readSize, position);
			for (let offset = 0; offset < bytesRead;) {
				let end = Math.min(offset + sliceSize, bytesRead);
				if (cutAtLineFeed && end < bytesRead) {
					const lineFeed = filled.lastIndexOf(0x0a, end - 1);
					if (lineFeed >= offset) end = lineFeed + 1;
				}
				yield { bytes: filled.subarray(offset, end), end: start + end };
				offset = end;
			}
			[filled, next] = [next, filled];
		}
	} finally {
		// A read may still be in flight (early stop or error); closing under it would fail it.
		await reading.catch(() => undefined);
		await handle.close();
	}
}

/**
 * Cuts decoded text into complete records. Papaparse parses each piece up to its last complete record;
 * the incomplete rest (which may be inside a quoted field) is carried over and parsed again with the
 * next piece, so quotes, doubled quotes and line breaks that straddle a read are handled correctly.
 */
class RecordSplitter {
	private parts: string[] = [];
	private pendingChars = 0;
	// A record longer than one read is parsed again only once the carried text has doubled, so a
	// huge quoted field costs linear, not quadratic, time.
	private nextParseAt = 0;

	constructor(
		private readonly fileName: string,
		private readonly parser: Papa.Parser,
		private readonly newline: Newline,
		private readonly maxRecordChars: number,
		private readonly batcher: RowBatcher
	) {}

	push(text: string): void {
		if (text.length === 0) return;
		this.parts.push(text);
		this.pendingChars += text.length;
		if (this.pendingChars < this.nextParseAt && this.pendingChars <= this.maxRecordChars) return;
		const input = this.takePending();
		const rowCount = this.parseCompleteRecords(input);
		if (rowCount > 0) {
			this.nextParseAt = 0;
			return;
		}
		if (input.length > this.maxRecordChars) throw this.createOverlongRecordError(input);
		this.nextParseAt = input.length * 2;
	}

	finish(tail: string): void {
		this.parts.push(tail);
		let input = this.takePending();
		// A file ending in a lone CR would otherwise leave a closing quote followed by junk.
		if (this.newline === '\n' && input.endsWith('\r')) input += '\n';
		if (input.length === 0) return;
		this.parseCompleteRecords(input);
		const last = this.takePending();
		if (last.length === 0) return;
		const result = this.parser.parse(last, 0, false) as PapaResult;
		const missing = result.errors.find((error) => error.code === 'MissingQuotes');
		if (missing) {
			// Complete records were parsed above, so the unclosed one is the next row.
			throw new InputError(
				`${this.fileName}: the quoted field that starts on row ${this.batcher.nextRowNumber} is never closed; ` +
					'the file may be cut off or have a stray " character',
				'unreadable'
			);
		}
		this.batcher.add(result.data);
	}

	private takePending(): string {
		const input = this.parts.length === 1 ? this.parts[0] : this.parts.join('');
		this.parts = [];
		this.pendingChars = 0;
		return input;
	}

	private parseCompleteRecords(input: string): number {
		const result = this.parser.parse(input, 0, true) as PapaResult;
		if (result.meta.cursor < input.length) {
			const rest = input.substring(result.meta.cursor);
			this.parts.push(rest);
			this.pendingChars = rest.length;
		}
		this.batcher.add(result.data);
		return result.data.length;
	}

	private createOverlongRecordError(input: string): InputError {
		const rowNumber = this.batcher.nextRowNumber;
		const limit = this.maxRecordChars.toLocaleString('en-US');
		const problem = input.includes('"')
			? `the quoted field that starts on row ${rowNumber} is not closed within ${limit} characters; ` +
				'the file may have a stray " character'
			: `row ${rowNumber} is longer than ${limit} characters; this does not look like a CSV file`;
		return new InputError(`${this.fileName}: ${problem}`, 'unreadable');
	}
}

/** Numbers records, enforces the row and column limits, and groups rows into batches. */
class RowBatcher {
	nextRowNumber = 1;
	/**
	 * Whether anything but whitespace has been decoded yet. Until then nothing is yielded and the row
	 * limit is not enforced, so that a file of blank lines is reported as empty rather than too long.
	 */
	sawContent = false;
	private batch: SheetRow[] = [];
	private full: SheetRow[][] = [];
	private readonly stripCarriageReturn: boolean;

	constructor(
		private readonly fileName: string,
		private readonly limits: ReadLimits,
		private readonly batchSize: number,
		newline: Newline
	) {
		// Records are split on LF so that files mixing CRLF and LF number rows as Excel does; the CR
		// of a CRLF then ends the last cell and is removed here.
		this.stripCarriageReturn = newline === '\n';
	}

	add(records: string[][]): void {
		const { maxRows, maxColumns } = this.limits;
		const strip = this.stripCarriageReturn;
		let rowNumber = this.nextRowNumber;
		let batch = this.batch;
		for (let index = 0; index < records.length; index++) {
			let cells = records[index];
			if (rowNumber > maxRows) {
				if (this.sawContent) throw this.createTooManyRowsError();
				// Only blank rows so far: count them, but do not hold on to them.
				rowNumber++;
				continue;
			}
			if (strip) {
				const last = cells.length - 1;
				const value = cells[last];
				if (value.charCodeAt(value.length - 1) === CARRIAGE_RETURN) cells[last] = value.slice(0, -1);
			}
			if (cells.length > maxColumns) cells = this.dropTrailingEmptyCells(cells, rowNumber);
			batch.push({ rowNumber, cells });
			rowNumber++;
			if (batch.length >= this.batchSize) {
				this.full.push(batch);
				batch = [];
			}
		}
		this.batch = batch;
		this.nextRowNumber = rowNumber;
	}

	takeFullBatches(): SheetRow[][] {
		const full = this.full;
		this.full = [];
		return full;
	}

	takeRest(): SheetRow[] {
		const rest = this.batch;
		this.batch = [];
		return rest;
	}

	// Exports often pad rows with empty trailing cells; only real content counts against the limit.
	private dropTrailingEmptyCells(cells: string[], rowNumber: number): string[] {
		let width = cells.length;
		while (width > 0 && cells[width - 1] === '') width--;
		if (width > this.limits.maxColumns) {
			throw new InputError(
				`${this.fileName}: row ${rowNumber} has ${width.toLocaleString('en-US')} columns; ` +
					`the limit is ${this.limits.maxColumns.toLocaleString('en-US')}`,
				'too-many-columns'
			);
		}
		return cells.slice(0, Math.max(width, 1));
	}

	private createTooManyRowsError(): InputError {
		const limit = this.limits.maxRows.toLocaleString('en-US');
		return new InputError(
			`${this.fileName} has more than ${limit} rows; the limit is ${limit}`,
			'too-many-rows'
		);
	}
}

function createEmptyFileError(fileName: string): InputError {
	return new InputError(`${fileName} is empty`, 'empty-file');
}

/**
 * Picks the record separator. LF covers both LF and CRLF files (see RowBatcher); a lone CR is used only
 * when it is the usual line end (old Mac exports). Line breaks inside quotes do not count.
 */
function detectNewline(sample: string): Newline {
	let inQuotes = false;
	let lineFeeds = 0;
	let loneCarriageReturns = 0;
	for (let index = 0; index < sample.length; index++) {
		const code = sample.charCodeAt(index);
		if (code === 34) inQuotes = !inQuotes;
		else if (inQuotes) continue;
		else if (code === 10) lineFeeds++;
		else if (code === CARRIAGE_RETURN && sample.charCodeAt(index + 1) !== 10) loneCarriageReturns++;
	}
	return loneCarriageReturns > lineFeeds ? '\r' : '\n';
}

/**
 * Picks the candidate that splits the first records into the most consistent number of columns (then the
 * most columns). Papaparse does the splitting, so quoted fields are taken into account.
 */
function detectDelimiter(sample: string, newline: Newline, sampleIsWholeFile: boolean): string {
	let best: string = DELIMITERS[0];
	let bestConsistency = 0;
	let bestWidth = 1;
	for (const delimiter of DELIMITERS) {
		const parser = new Papa.Parser({ delimiter, newline, quoteChar: '"', preview: SAMPLE_RECORDS });
		const result = parser.parse(sample, 0, !sampleIsWholeFile) as PapaResult;
		const records = result.data.filter((cells) => cells.length > 1 || cells[0].trim() !== '');
		if (records.length === 0) continue;
		const width = findCommonestWidth(records);
		if (width < 2) continue;
		const consistency = records.filter((cells) => cells.length === width).length / records.length;
		if (consistency > bestConsistency || (consistency === bestConsistency && width > bestWidth)) {
			best = delimiter;
			bestConsistency = consistency;
			bestWidth = width;
		}
	}
	return best;
}

function findCommonestWidth(records: string[][]): number {
	const counts = new Map<number, number>();
	for (const cells of records) counts.set(cells.length, (counts.get(cells.length) ?? 0) + 1);
	let width = 0;
	let widthCount = 0;
	for (const [candidate, count] of counts) {
		if (count > widthCount || (count === widthCount && candidate > width)) {
			width = candidate;
			widthCount = count;
		}
	}
	return width;
}
