import fs from 'node:fs';
import path from 'node:path';
import { pipeline, type Readable } from 'node:stream';
import zlib from 'node:zlib';
import yauzl from 'yauzl';
import { InputError, type ReadLimits } from './sheet-row.ts';
import {
	findPrefixedAttribute,
	ForbiddenMarkupError,
	MalformedXmlError,
	readAttributes,
	XmlPartScanner
} from './xml-part-scanner.ts';
import { parseRange, type MergedRange } from './xlsx-cells.ts';

export type { MergedRange };

export interface XlsxSheetFacts {
	name: string;
	state: 'visible' | 'hidden' | 'veryHidden';
	relationshipId: string;
	/** Path of the sheet's XML inside the archive (e.g. `xl/worksheets/sheet1.xml`), null when unresolved. */
	partPath: string | null;
	mergedRanges: MergedRange[];
	/** Whether the sheet XML holds at least one cell value. */
	hasValues: boolean;
}

export interface XlsxArchiveFacts {
	/** In workbook (tab) order. */
	sheets: XlsxSheetFacts[];
	date1904: boolean;
	/** Archive paths of the workbook's shared strings and styles parts, when it has them. */
	sharedStringsPath: string | null;
	stylesPath: string | null;
	entryCount: number;
	/** Bytes counted while inflating every entry. */
	uncompressedBytes: number;
}

const WORKBOOK_PART = 'xl/workbook.xml';
const WORKBOOK_RELS_PART = 'xl/_rels/workbook.xml.rels';
/** Between the listed entries there may only be data descriptors (at most 24 bytes), never a hidden entry. */
const MAX_GAP_BYTES = 29;
/** More merged blocks than any real report needs; a cap keeps a hostile file from growing memory. */
const MAX_MERGED_RANGES = 100_000;
const INFLATE_CHUNK_BYTES = 128 * 1024;

interface PartFacts {
	mergedRanges: MergedRange[];
	hasValues: boolean;
}

type WorkbookSheet = Pick<XlsxSheetFacts, 'name' | 'state' | 'relationshipId'>;

/** What one pass over the archive collects before the facts are assembled. */
interface Collected {
	sheets: WorkbookSheet[];
	date1904: boolean;
	relationshipTargets: Map<string, string>;
	sharedStringsPath: string | null;
	stylesPath: string | null;
	parts: Map<string, PartFacts>;
	mergedRangeCount: number;
	uncompressedBytes: number;
	sawWorkbook: boolean;
}

/**
 * Checks an XLSX archive before any XML parser sees it, and collects the facts the streaming reader
 * needs. Every entry is inflated and counted; nothing is buffered beyond a few bytes per XML part.
 */
export async function inspectXlsxArchive(filePath: string, limits: ReadLimits): Promise<XlsxArchiveFacts> {
	const fileName = path.basename(filePath);
	const zip = await openArchive(filePath, fileName);
	try {
		if (zip.entryCount > limits.maxZipEntries) {
			throw createUnsafeError(
				fileName,
				`it holds ${zip.entryCount} files, more than the limit of ${limits.maxZipEntries}`
			);
		}
		const collected = await walkEntries(zip, fileName, limits);
		return assembleFacts(collected, zip.entryCount, fileName);
	} catch (error) {
		throw translateError(error, fileName);
	} finally {
		zip.close();
	}
}

async function openArchive(filePath: string, fileName: string): Promise<yauzl.ZipFile> {
	try {
		// decodeStrings is off so entry names are checked here, with our own messages, and compared bytewise
		return await yauzl.openPromise(filePath, {
			lazyEntries: true,
			autoClose: false,
			validateEntrySizes: true,
			decodeStrings: false
		});
	} catch (error) {
		if (isLegacyOrEncryptedOffice(filePath)) {
			throw new InputError(
				`${fileName} is a password-protected workbook or an old .xls file; save it as .xlsx without a password`,
				'unsupported-format'
			);
		}
		throw new InputError(
			`${fileName} is not an Excel workbook (it is not a zip archive: ${describe(error)})`,
			'unsupported-format'
		);
	}
}

/** Encrypted .xlsx files and legacy .xls files are OLE compound documents, not zip archives. */
function isLegacyOrEncryptedOffice(filePath: string): boolean {
	const signature = Buffer.from('d0cf11e0a1b11ae1', 'hex');
	const head = Buffer.alloc(signature.length);
	let fd: number | undefined;
	try {
		fd = fs.openSync(filePath, 'r');
		return fs.readSync(fd, head, 0, head.length, 0) === head.length && head.equals(signature);
	} catch {
		return false;
	} finally {
		if (fd !== undefined) fs.closeSync(fd);
	}
}

async function walkEntries(zip: yauzl.ZipFile, fileName: string, limits: ReadLimits): Promise<Collected> {
	// the central directory starts where yauzl begins reading entries (typed wrongly in @types/yauzl)
	const centralDirectoryOffset = Number((zip as unknown as { readEntryCursor: unknown }).readEntryCursor);
	const collected: Collected = {
		sheets: [],
		date1904: false,
		relationshipTargets: new Map(),
		sharedStringsPath: null,
		stylesPath: null,
		parts: new Map(),
		mergedRangeCount: 0,
		uncompressedBytes: 0,
		sawWorkbook: false
	};
	const spans: { start: number; end: number; name: string }[] = [];
	let declaredBytes = 0;
	for await (const entry of zip.eachEntry()) {
		const name = decodeEntryName(entry);
		checkEntryName(name, fileName);
		const local = await zip.readLocalFileHeaderPromise(entry);
		// tools that read an archive front to back trust local headers, so they must agree with the directory
		if (!local.fileName.equals(entry.fileNameRaw)) {
			throw createUnsafeError(fileName, `the entry "${name}" has two different names inside the archive`);
		}
		spans.push({
			start: entry.relativeOffsetOfLocalHeader,
			end: local.fileDataStart + entry.compressedSize,
			name
		});
		declaredBytes += entry.uncompressedSize;
		if (declaredBytes > limits.maxUncompressedBytes) throw createTooBigError(fileName, limits);
		if (entry.isEncrypted()) throw createUnsafeError(fileName, `the entry "${name}" is encrypted`);
		if (name.endsWith('/')) continue;
		await inflateEntry(zip, entry, name, collected, fileName, limits);
	}
	checkNoHiddenData(spans, centralDirectoryOffset, fileName);
	return collected;
}

/** Entry names as written (yauzl is opened with decodeStrings off so that names arrive raw). */
export function decodeEntryName(entry: yauzl.Entry): string {
	const isUtf8 = (entry.generalPurposeBitFlag & 0x800) !== 0;
	return entry.fileNameRaw.toString(isUtf8 ? 'utf8' : 'latin1');
}

function checkEntryName(name: string, fileName: string): void {
	const segments = name.split(/[\\/]/);
	if (name.startsWith('/') || name.startsWith('\\') || /^[a-zA-Z]:/.test(name)) {
		throw createUnsafeError(fileName, `the entry "${name}" has an absolute path`);
	}
	if (segments.includes('..'))
		throw createUnsafeError(fileName, `the entry "${name}" points outside the archive`);
	if (name.includes('\0')) throw createUnsafeError(fileName, `an entry name contains a NUL character`);
}

/** Entries must tile the archive: an overlap is a zip-bomb trick, a gap can hide an entry. */
function checkNoHiddenData(
	spans: { start: number; end: number; name: string }[],
	centralDirectoryOffset: number,
	fileName: string
): void {
	spans.sort((a, b) => a.start - b.start);
	let previousEnd = 0;
	for (const span of spans) {
		const gap = span.start - previousEnd;
		if (gap < 0) throw createUnsafeError(fileName, `the entry "${span.name}" overlaps another entry`);
		if (gap > MAX_GAP_BYTES)
			throw createUnsafeError(fileName, 'it contains data that is not listed in its directory');
		previousEnd = span.end;
	}
	if (Number.isFinite(centralDirectoryOffset)) {
		const gap = centralDirectoryOffset - previousEnd;
		if (gap < 0 || gap > MAX_GAP_BYTES) {
			throw createUnsafeError(fileName, 'it contains data that is not listed in its directory');
		}
	}
}

async function inflateEntry(
	zip: yauzl.ZipFile,
	entry: yauzl.Entry,
	name: string,
	collected: Collected,
	fileName: string,
	limits: ReadLimits
): Promise<void> {
	const scan = createScanner(name, collected, fileName);
	const content = await openEntryContent(zip, entry, name, fileName);
	let entryBytes = 0;
	try {
		for await (const chunk of content as AsyncIterable<Buffer>) {
			entryBytes += chunk.length;
			collected.uncompressedBytes += chunk.length;
			if (collected.uncompressedBytes > limits.maxUncompressedBytes)
				throw createTooBigError(fileName, limits);
			if (entryBytes > entry.uncompressedSize) throw createSizeMismatchError(fileName, name);
			scan?.scanner.write(chunk);
		}
		scan?.scanner.end();
	} finally {
		// stops inflating at once when we bail out early (zip bomb, forbidden markup)
		content.destroy();
	}
	if (entryBytes !== entry.uncompressedSize) throw createSizeMismatchError(fileName, name);
	if (scan?.part) {
		scan.part.hasValues = scan.scanner.hasValues;
		if (scan.part.hasValues || scan.part.mergedRanges.length > 0) collected.parts.set(name, scan.part);
	}
}

/**
 * The entry's inflated bytes. Inflating ourselves (rather than through yauzl's decoder) allows larger
 * output chunks, which halves the time spent on big sheets; sizes are then checked by the caller.
 */
async function openEntryContent(
	zip: yauzl.ZipFile,
	entry: yauzl.Entry,
	name: string,
	fileName: string
): Promise<Readable> {
	if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
		throw new InputError(
			`${fileName} uses a kind of compression Excel does not write (entry "${name}", method ${entry.compressionMethod})`,
			'unsupported-format'
		);
	}
	const raw = await zip.openReadStreamPromise(entry, { decodeFileData: false });
	if (entry.compressionMethod === 0) return raw;
	return pipeline(raw, zlib.createInflateRaw({ chunkSize: INFLATE_CHUNK_BYTES }), () => {
		// errors surface through the iteration of the returned stream
	});
}

/** A scanner collecting what this kind of part contributes; null for entries that are not XML. */
function createScanner(
	name: string,
	collected: Collected,
	fileName: string
): { scanner: XmlPartScanner; part?: PartFacts } | null {
	if (name === WORKBOOK_PART) {
		collected.sawWorkbook = true;
		const onTag = (localName: string, tagText: string) => collectWorkbookTag(localName, tagText, collected);
		return { scanner: new XmlPartScanner({ tags: ['sheet', 'workbookPr'], watchValues: false, onTag }) };
	}
	if (name === WORKBOOK_RELS_PART) {
		const onTag = (_localName: string, tagText: string) => collectRelationship(tagText, collected);
		return { scanner: new XmlPartScanner({ tags: ['Relationship'], watchValues: false, onTag }) };
	}
	if (!/\.(xml|rels|vml)$/i.test(name)) return null;
	const part: PartFacts = { mergedRanges: [], hasValues: false };
	const onTag = (_localName: string, tagText: string) =>
		collectMergedRange(tagText, part, collected, fileName);
	return { scanner: new XmlPartScanner({ tags: ['mergeCell'], watchValues: true, onTag }), part };
}

function collectWorkbookTag(localName: string, tagText: string, collected: Collected): void {
	const attributes = readAttributes(tagText);
	if (localName === 'workbookPr') {
		const flag = attributes.get('date1904');
		collected.date1904 = flag === '1' || flag?.toLowerCase() === 'true';
		return;
	}
	const state = attributes.get('state');
	collected.sheets.push({
		name: attributes.get('name') ?? '',
		state: state === 'hidden' || state === 'veryHidden' ? state : 'visible',
		relationshipId: findPrefixedAttribute(attributes, 'id') ?? ''
	});
}

function collectRelationship(tagText: string, collected: Collected): void {
	const attributes = readAttributes(tagText);
	const id = attributes.get('Id');
	const target = attributes.get('Target');
	if (!id || !target || attributes.get('TargetMode') === 'External') return;
	const partPath = resolvePartPath(target);
	collected.relationshipTargets.set(id, partPath);
	const type = attributes.get('Type') ?? '';
	if (type.endsWith('/sharedStrings')) collected.sharedStringsPath = partPath;
	if (type.endsWith('/styles')) collected.stylesPath = partPath;
}

/** Relationship targets are relative to xl/ unless they start with '/', which means the archive root. */
function resolvePartPath(target: string): string {
	const joined = target.startsWith('/') ? target.slice(1) : path.posix.join('xl', target);
	return path.posix.normalize(joined);
}

function collectMergedRange(tagText: string, facts: PartFacts, collected: Collected, fileName: string): void {
	const range = parseRange(readAttributes(tagText).get('ref') ?? '');
	if (!range) return;
	collected.mergedRangeCount++;
	if (collected.mergedRangeCount > MAX_MERGED_RANGES) {
		throw createUnsafeError(fileName, `it has more than ${MAX_MERGED_RANGES} merged cell blocks`);
	}
	facts.mergedRanges.push(range);
}

function assembleFacts(collected: Collected, entryCount: number, fileName: string): XlsxArchiveFacts {
	if (!collected.sawWorkbook) {
		throw new InputError(
			`${fileName} is not an Excel workbook (it has no xl/workbook.xml)`,
			'unsupported-format'
		);
	}
	const sheets = collected.sheets.map((sheet): XlsxSheetFacts => {
		const partPath = collected.relationshipTargets.get(sheet.relationshipId) ?? null;
		const part = partPath ? collected.parts.get(partPath) : undefined;
		return {
			...sheet,
			partPath,
			mergedRanges: part?.mergedRanges ?? [],
			hasValues: part?.hasValues ?? false
		};
	});
	return {
		sheets,
		date1904: collected.date1904,
		sharedStringsPath: collected.sharedStringsPath,
		stylesPath: collected.stylesPath,
		entryCount,
		uncompressedBytes: collected.uncompressedBytes
	};
}

function translateError(error: unknown, fileName: string): Error {
	if (error instanceof InputError) return error;
	if (error instanceof ForbiddenMarkupError) {
		return createUnsafeError(fileName, `an XML part contains ${error.markup}, which spreadsheets never need`);
	}
	if (error instanceof MalformedXmlError) {
		return new InputError(`${fileName} could not be read: ${error.message}`, 'unreadable');
	}
	const message = describe(error);
	if (
		/too many bytes|not enough bytes|size mismatch|overflows file bounds|invalid .*(size|offset)/i.test(
			message
		)
	) {
		return createUnsafeError(
			fileName,
			`the sizes recorded in the archive do not match its content (${message})`
		);
	}
	return new InputError(`${fileName} could not be read: ${message}`, 'unreadable');
}

function createSizeMismatchError(fileName: string, name: string): InputError {
	return createUnsafeError(
		fileName,
		`the entry "${name}" unpacks to a different size than the archive records`
	);
}

function createTooBigError(fileName: string, limits: ReadLimits): InputError {
	const bytes = limits.maxUncompressedBytes;
	const size = bytes >= 1_000_000 ? `${Math.round(bytes / 1_000_000)} MB` : `${Math.round(bytes / 1000)} KB`;
	return createUnsafeError(fileName, `it unpacks to more than ${size}`);
}

function createUnsafeError(fileName: string, reason: string): InputError {
	return new InputError(`${fileName} was refused as unsafe: ${reason}`, 'unsafe-archive');
}

function describe(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
