/** Writers for the demo's spreadsheets: CSV (UTF-8, UTF-8 with BOM, GB18030) and streaming XLSX. */
import { open, readFile, writeFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { encodeGb18030 } from './gb18030-encoder.ts';

export type DemoKind = 'units' | 'complaints' | 'repairs' | 'fees' | 'payments' | 'surveys';

export interface DemoFile {
	path: string;
	kind: DemoKind;
	wave?: string;
	/** Data rows, without title, header or totals rows. */
	rows: number;
}

export interface DemoManifest {
	files: DemoFile[];
	/** Units not vacant: the survey's sample frame, recorded as each wave's units surveyed. */
	occupiedUnits: number;
}

export type CsvCell = string | number | null;
export type CsvEncoding = 'utf-8' | 'utf-8-bom' | 'gb18030';

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

export function quoteCsvCell(cell: CsvCell): string {
	if (cell === null) return '';
	const text = typeof cell === 'number' ? String(cell) : cell;
	return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const UTF8_BOM = new Uint8Array([0xef, 0xbb, 0xbf]);
/** Rows per write: keeps each string well below V8's limit while the fee files reach tens of MB. */
const CSV_CHUNK_ROWS = 20_000;

function encodeCsvText(text: string, encoding: CsvEncoding): Uint8Array {
	return encoding === 'gb18030' ? encodeGb18030(text) : Buffer.from(text, 'utf8');
}

/** Writes a CSV the way Excel exports one: CRLF line ends, quotes only where needed. Returns the data rows. */
export async function writeCsvFile(
	path: string,
	header: readonly string[],
	rows: readonly (readonly CsvCell[])[],
	encoding: CsvEncoding
): Promise<number> {
	const handle = await open(path, 'w');
	try {
		if (encoding === 'utf-8-bom') await handle.write(UTF8_BOM);
		await handle.write(encodeCsvText(header.map(quoteCsvCell).join(',') + '\r\n', encoding));
		for (let start = 0; start < rows.length; start += CSV_CHUNK_ROWS) {
			const lines: string[] = [];
			const end = Math.min(rows.length, start + CSV_CHUNK_ROWS);
			for (let i = start; i < end; i++) lines.push(rows[i].map(quoteCsvCell).join(','));
			await handle.write(encodeCsvText(lines.join('\r\n') + '\r\n', encoding));
		}
	} finally {
		await handle.close();
	}
	return rows.length;
}

export type XlsxCell = string | number | Date | null;

export interface XlsxColumn {
	header: string;
	width?: number;
	/** Excel number format for date cells, e.g. 'yyyy-mm-dd hh:mm'. */
	numFmt?: string;
}

export interface XlsxSheet {
	name: string;
	columns: readonly XlsxColumn[];
	rows: readonly (readonly XlsxCell[])[];
	/** A title line above the header, as hand-made registers have. */
	titleRow?: string;
	/** A totals line below the data (e.g. 合计). */
	totalsRow?: readonly XlsxCell[];
}

/** Fixed document and zip-entry time, so the same data always gives the same bytes. */
const FIXED_TIMESTAMP = new Date(Date.UTC(2026, 9, 31));

/** Streams one sheet with shared strings; dates become real date cells through the column formats. */
export async function writeXlsxFile(path: string, sheet: XlsxSheet): Promise<number> {
	const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
		filename: path,
		useSharedStrings: true,
		useStyles: true
	});
	workbook.creator = 'Courtyard demo';
	workbook.lastModifiedBy = 'Courtyard demo';
	workbook.created = FIXED_TIMESTAMP;
	workbook.modified = FIXED_TIMESTAMP;
	const worksheet = workbook.addWorksheet(sheet.name);
	worksheet.columns = sheet.columns.map((column) => ({
		width: column.width ?? 14,
		style: column.numFmt ? { numFmt: column.numFmt } : {}
	}));
	if (sheet.titleRow !== undefined) worksheet.addRow([sheet.titleRow]).commit();
	worksheet.addRow(sheet.columns.map((column) => column.header)).commit();
	for (const row of sheet.rows) worksheet.addRow(row as XlsxCell[]).commit();
	if (sheet.totalsRow) worksheet.addRow(sheet.totalsRow as XlsxCell[]).commit();
	worksheet.commit();
	await workbook.commit();
	await normaliseZipTimestamps(path);
	return sheet.rows.length;
}

/** MS-DOS date/time of FIXED_TIMESTAMP, as stored in zip headers. */
function getDosTimestamp(): { time: number; date: number } {
	const d = FIXED_TIMESTAMP;
	const date = ((d.getUTCFullYear() - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate();
	return { time: 0, date };
}

/**
 * exceljs's zip library stamps every entry with the current time and offers no option to fix it, so the
 * stamps in the central directory and the local headers are overwritten after writing.
 */
async function normaliseZipTimestamps(path: string): Promise<void> {
	const bytes = await readFile(path);
	const { time, date } = getDosTimestamp();
	let eocd = -1;
	for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
		if (bytes.readUInt32LE(i) === 0x06054b50) {
			eocd = i;
			break;
		}
	}
	if (eocd < 0) throw new Error(`demo: ${path} is not a zip file`);
	const entries = bytes.readUInt16LE(eocd + 10);
	let offset = bytes.readUInt32LE(eocd + 16);
	for (let n = 0; n < entries; n++) {
		if (bytes.readUInt32LE(offset) !== 0x02014b50) throw new Error(`demo: bad central directory in ${path}`);
		bytes.writeUInt16LE(time, offset + 12);
		bytes.writeUInt16LE(date, offset + 14);
		const local = bytes.readUInt32LE(offset + 42);
		if (bytes.readUInt32LE(local) !== 0x04034b50) throw new Error(`demo: bad local header in ${path}`);
		bytes.writeUInt16LE(time, local + 10);
		bytes.writeUInt16LE(date, local + 12);
		offset +=
			46 +
			bytes.readUInt16LE(offset + 28) +
			bytes.readUInt16LE(offset + 30) +
			bytes.readUInt16LE(offset + 32);
	}
	await writeFile(path, bytes);
}
