/**
 * Test fixtures for the XLSX readers: a tiny zip writer (so tests can build archives no normal tool
 * would write: lying sizes, hidden entries, path tricks) and a minimal hand-written workbook.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import yauzl from 'yauzl';

export interface ZipEntrySpec {
	name: string;
	data: Buffer | string;
	/** Store instead of deflating. */
	store?: boolean;
	/** Already-deflated content, with its real size and CRC (for bombs too big to hold inflated). */
	deflated?: { data: Buffer; size: number; crc: number };
	/** Size written into both headers, to make the archive lie about its content. */
	declaredSize?: number;
	/** Name written into the local header only, to make it disagree with the central directory. */
	localName?: string;
}

export function makeTempDir(): string {
	return fs.mkdtempSync(path.join(os.tmpdir(), 'courtyard-'));
}

/** Builds a zip archive; `hidden` entries are written to the file but left out of its directory. */
export function buildZip(entries: ZipEntrySpec[], hidden: ZipEntrySpec[] = []): Buffer {
	const parts: Buffer[] = [];
	const directory: Buffer[] = [];
	let offset = 0;
	const all = [
		...entries.map((entry) => ({ entry, listed: true })),
		...hidden.map((entry) => ({ entry, listed: false }))
	];
	for (const { entry, listed } of all) {
		const raw = typeof entry.data === 'string' ? Buffer.from(entry.data) : entry.data;
		const method = entry.store ? 0 : 8;
		const content = entry.deflated?.data ?? (entry.store ? raw : zlib.deflateRawSync(raw));
		const size = entry.declaredSize ?? entry.deflated?.size ?? raw.length;
		const crc = entry.deflated?.crc ?? zlib.crc32(raw);
		const name = Buffer.from(entry.name);
		const local = buildLocalHeader(
			Buffer.from(entry.localName ?? entry.name),
			method,
			crc,
			content.length,
			size
		);
		if (listed) directory.push(buildCentralHeader(name, method, crc, content.length, size, offset));
		parts.push(local, content);
		offset += local.length + content.length;
	}
	const directoryBuffer = Buffer.concat(directory);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(directory.length, 8);
	end.writeUInt16LE(directory.length, 10);
	end.writeUInt32LE(directoryBuffer.length, 12);
	end.writeUInt32LE(offset, 16);
	return Buffer.concat([...parts, directoryBuffer, end]);
}

const UTF8_FLAG = 0x800;
const DOS_DATE_1980_01_01 = 0x21;

function buildLocalHeader(
	name: Buffer,
	method: number,
	crc: number,
	compressed: number,
	size: number
): Buffer {
	const header = Buffer.alloc(30);
	header.writeUInt32LE(0x04034b50, 0);
	header.writeUInt16LE(20, 4);
	header.writeUInt16LE(UTF8_FLAG, 6);
	header.writeUInt16LE(method, 8);
	header.writeUInt16LE(DOS_DATE_1980_01_01, 12);
	header.writeUInt32LE(crc >>> 0, 14);
	header.writeUInt32LE(compressed, 18);
	header.writeUInt32LE(size, 22);
	header.writeUInt16LE(name.length, 26);
	return Buffer.concat([header, name]);
}

function buildCentralHeader(
	name: Buffer,
	method: number,
	crc: number,
	compressed: number,
	size: number,
	offset: number
): Buffer {
	const header = Buffer.alloc(46);
	header.writeUInt32LE(0x02014b50, 0);
	header.writeUInt16LE(20, 4);
	header.writeUInt16LE(20, 6);
	header.writeUInt16LE(UTF8_FLAG, 8);
	header.writeUInt16LE(method, 10);
	header.writeUInt16LE(DOS_DATE_1980_01_01, 14);
	header.writeUInt32LE(crc >>> 0, 16);
	header.writeUInt32LE(compressed, 20);
	header.writeUInt32LE(size, 24);
	header.writeUInt16LE(name.length, 28);
	header.writeUInt32LE(offset, 42);
	return Buffer.concat([header, name]);
}

/**
 * Zeros deflated without ever holding them inflated: each sync-flushed block is a self-contained,
 * non-final piece of one deflate stream, so repeating it and closing with a final block is valid.
 */
export function deflateZeros(megabytes: number): { data: Buffer; size: number; crc: number } {
	const block = Buffer.alloc(1 << 20);
	const piece = zlib.deflateRawSync(block, { finishFlush: zlib.constants.Z_SYNC_FLUSH });
	let crc = 0;
	for (let index = 0; index < megabytes; index++) crc = zlib.crc32(block, crc);
	const data = Buffer.concat([
		...Array.from({ length: megabytes }, () => piece),
		zlib.deflateRawSync(Buffer.alloc(0))
	]);
	return { data, size: megabytes << 20, crc };
}

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';

export interface HandSheet {
	name: string;
	state?: 'visible' | 'hidden' | 'veryHidden';
	/** The `<row>` elements of sheetData. */
	rows: string;
	/** Anything after sheetData, e.g. `<mergeCells>`. */
	tail?: string;
}

/**
 * The parts of a minimal workbook. Style 1 is the built-in date format 14, so `<c s="1">` is a date.
 */
export function buildHandWorkbookEntries(options: {
	sheets: HandSheet[];
	workbookPr?: string;
	sharedStrings?: string[];
}): ZipEntrySpec[] {
	const { sheets } = options;
	const sheetList = sheets
		.map((sheet, index) => {
			const state = sheet.state ? ` state="${sheet.state}"` : '';
			return `<sheet name="${sheet.name}" sheetId="${index + 1}"${state} r:id="rId${index + 1}"/>`;
		})
		.join('');
	const relationships = sheets
		.map(
			(_sheet, index) =>
				`<Relationship Id="rId${index + 1}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${index + 1}.xml"/>`
		)
		.join('');
	const entries: ZipEntrySpec[] = [
		{
			name: '[Content_Types].xml',
			data: `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>`
		},
		{
			name: '_rels/.rels',
			data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PACKAGE_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`
		},
		{
			name: 'xl/workbook.xml',
			data: `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">${options.workbookPr ?? ''}<sheets>${sheetList}</sheets></workbook>`
		},
		{
			name: 'xl/_rels/workbook.xml.rels',
			data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PACKAGE_REL_NS}">${relationships}<Relationship Id="rIdS" Type="${REL_NS}/styles" Target="styles.xml"/><Relationship Id="rIdT" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`
		},
		{
			name: 'xl/styles.xml',
			data: `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="${MAIN_NS}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`
		},
		{
			name: 'xl/sharedStrings.xml',
			data: `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN_NS}">${(options.sharedStrings ?? []).map((text) => `<si><t>${text}</t></si>`).join('')}</sst>`
		}
	];
	sheets.forEach((sheet, index) => {
		entries.push({
			name: `xl/worksheets/sheet${index + 1}.xml`,
			data: `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheetData>${sheet.rows}</sheetData>${sheet.tail ?? ''}</worksheet>`
		});
	});
	return entries;
}

/** Every entry of an archive, inflated (fixtures are small). */
export async function readZipEntries(filePath: string): Promise<{ name: string; data: Buffer }[]> {
	const zip = await yauzl.openPromise(filePath, { lazyEntries: true });
	const entries: { name: string; data: Buffer }[] = [];
	for await (const entry of zip.eachEntry()) {
		if (entry.fileName.endsWith('/')) continue;
		const chunks: Buffer[] = [];
		for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
		entries.push({ name: entry.fileName, data: Buffer.concat(chunks) });
	}
	return entries;
}

/** Rewrites one part of an existing archive (e.g. to write workbookPr the way another tool would). */
export async function patchZipEntry(
	filePath: string,
	name: string,
	patch: (text: string) => string
): Promise<void> {
	const entries = await readZipEntries(filePath);
	const patched = entries.map((entry) =>
		entry.name === name ? { name, data: patch(entry.data.toString('utf8')) } : entry
	);
	fs.writeFileSync(filePath, buildZip(patched));
}
