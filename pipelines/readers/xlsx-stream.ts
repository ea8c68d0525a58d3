/**
 * Feeding one sheet to exceljs's streaming reader. exceljs reads the archive front to back, so it
 * is handed a zip stream re-assembled from the inspected archive: only the parts it needs, in the
 * order that lets it parse the sheet as it streams (no temporary files), each under the name exceljs
 * looks for. The compressed bytes are copied unchanged; exceljs inflates them itself.
 */
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import { parseSheetRows, type ParsedSheetRow, type SheetParseOptions } from './xlsx-sheet-parser.ts';
import { decodeEntryName, type XlsxArchiveFacts, type XlsxSheetFacts } from './zip-guard.ts';

interface PartCopy {
	/** Where the part is in the source archive; null when the workbook does not have it. */
	sourcePath: string | null;
	/** The name exceljs expects. */
	name: string;
	/** Written instead when the source has no such part. */
	fallback?: string;
}

const SHEET_PART = 'xl/worksheets/sheet1.xml';
/** exceljs only parses sheets directly when shared strings were seen; a workbook may have none. */
const EMPTY_SHARED_STRINGS =
	'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>';
const MAX_ZIP32_SIZE = 0xfffffffe;

/** The sheet exceljs reached: its rows, read by parseSheetRows against exceljs's parsed parts. */
export interface SheetSource {
	readRows(
		options: Pick<SheetParseOptions, 'cell' | 'maxColumns' | 'fileName'>
	): AsyncGenerator<ParsedSheetRow[]>;
}

/** exceljs's streaming reader over the given sheet, plus what it assumed about the date system. */
export function openSheetReader(filePath: string, facts: XlsxArchiveFacts, sheet: XlsxSheetFacts) {
	const input = streamParts(filePath, [
		{ sourcePath: 'xl/workbook.xml', name: 'xl/workbook.xml' },
		{ sourcePath: 'xl/_rels/workbook.xml.rels', name: 'xl/_rels/workbook.xml.rels' },
		{ sourcePath: facts.stylesPath, name: 'xl/styles.xml' },
		{ sourcePath: facts.sharedStringsPath, name: 'xl/sharedStrings.xml', fallback: EMPTY_SHARED_STRINGS },
		{ sourcePath: sheet.partPath, name: SHEET_PART }
	]);
	const workbook = new ExcelJS.stream.xlsx.WorkbookReader(input, {
		worksheets: 'emit',
		sharedStrings: 'cache',
		hyperlinks: 'ignore',
		// without styles exceljs cannot tell a date-formatted number from a plain one
		styles: 'cache',
		entries: 'ignore'
	});
	const internals = patchWorkbookReader(workbook);
	return {
		sheets: workbook as unknown as AsyncIterable<SheetSource>,
		/** exceljs reads this when a sheet's parse starts; it only understands date1904="1". */
		assumes1904: () => internals.properties?.model?.date1904 === true,
		close: () => input.destroy()
	};
}

/** The parts of exceljs's WorkbookReader relied on beyond its published typings (exceljs 4.4.0). */
interface WorkbookReaderInternals {
	properties?: { model?: { date1904?: boolean } };
	_parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
	_parseWorkbook(entry: Readable): Promise<void>;
	_parseRels(entry: Readable): Promise<void>;
	_parseStyles(entry: Readable): Promise<void>;
	_parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNumber: string): Generator<unknown>;
	sharedStrings?: unknown[];
	styles?: SheetParseOptions['styles'];
}

/**
 * Decodes the workbook's parts as whole UTF-8 streams (exceljs decodes each inflated chunk on its own,
 * corrupting characters split across chunks: exceljs issues #2063, #2084) and hands the sheet to
 * parseSheetRows instead of exceljs's own sheet reader.
 */
function patchWorkbookReader(workbook: ExcelJS.stream.xlsx.WorkbookReader): WorkbookReaderInternals {
	const internals = workbook as unknown as WorkbookReaderInternals;
	internals._parseSharedStrings = decodeEntryAsUtf8(internals._parseSharedStrings.bind(workbook));
	internals._parseWorkbook = decodeEntryAsUtf8(internals._parseWorkbook.bind(workbook));
	internals._parseRels = decodeEntryAsUtf8(internals._parseRels.bind(workbook));
	internals._parseStyles = decodeEntryAsUtf8(internals._parseStyles.bind(workbook));
	internals._parseWorksheet = function* (iterator) {
		const sheet: SheetSource = {
			readRows: (options) =>
				parseSheetRows(iterator, {
					...options,
					sharedStrings: internals.sharedStrings ?? [],
					styles: internals.styles,
					exceljsAssumed1904: internals.properties?.model?.date1904 === true
				})
		};
		// the shape exceljs's WorkbookReader yields its worksheets in
		yield { eventType: 'worksheet', value: sheet };
	};
	return internals;
}

function decodeEntryAsUtf8<T>(parse: (entry: Readable) => T): (entry: Readable) => T {
	return (entry) => {
		// a string decoder keeps a partial multi-byte character until the rest arrives
		entry.setEncoding('utf8');
		return parse(entry);
	};
}

/** A zip stream of the given parts, copied compressed from the source archive. */
function streamParts(filePath: string, parts: PartCopy[]): Readable {
	return Readable.from(generateParts(filePath, parts), { objectMode: false });
}

async function* generateParts(filePath: string, parts: PartCopy[]): AsyncGenerator<Buffer> {
	const zip = await yauzl.openPromise(filePath, {
		lazyEntries: true,
		autoClose: false,
		validateEntrySizes: true,
		decodeStrings: false
	});
	try {
		const wanted = new Set(parts.map((part) => part.sourcePath));
		const entries = new Map<string, yauzl.Entry>();
		for await (const entry of zip.eachEntry()) {
			const name = decodeEntryName(entry);
			if (wanted.has(name)) entries.set(name, entry);
		}
		for (const part of parts) {
			const entry = part.sourcePath === null ? undefined : entries.get(part.sourcePath);
			if (entry) {
				yield buildLocalHeader(part.name, entry);
				yield* await zip.openReadStreamPromise(entry, { decodeFileData: false });
			} else if (part.fallback !== undefined) {
				const data = Buffer.from(part.fallback);
				const stored = { compressionMethod: 0, crc32: zlib.crc32(data), compressedSize: data.length };
				yield buildLocalHeader(part.name, { ...stored, uncompressedSize: data.length });
				yield data;
			}
		}
		yield buildEndOfCentralDirectory();
	} finally {
		zip.close();
	}
}

type EntrySizes = Pick<yauzl.Entry, 'compressionMethod' | 'crc32' | 'compressedSize' | 'uncompressedSize'>;

function buildLocalHeader(name: string, entry: EntrySizes): Buffer {
	if (entry.compressedSize > MAX_ZIP32_SIZE || entry.uncompressedSize > MAX_ZIP32_SIZE) {
		throw new Error(`the part ${name} is larger than 4 GB`);
	}
	const nameBytes = Buffer.from(name);
	const header = Buffer.alloc(30);
	header.writeUInt32LE(0x04034b50, 0);
	header.writeUInt16LE(20, 4);
	header.writeUInt16LE(0x800, 6);
	header.writeUInt16LE(entry.compressionMethod, 8);
	header.writeUInt32LE(entry.crc32 >>> 0, 14);
	header.writeUInt32LE(entry.compressedSize, 18);
	header.writeUInt32LE(entry.uncompressedSize, 22);
	header.writeUInt16LE(nameBytes.length, 26);
	return Buffer.concat([header, nameBytes]);
}

/** An empty directory record: it tells the unzipper the archive is over. */
function buildEndOfCentralDirectory(): Buffer {
	const record = Buffer.alloc(22);
	record.writeUInt32LE(0x06054b50, 0);
	return record;
}
