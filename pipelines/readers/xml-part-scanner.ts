/**
 * A byte-level scanner for the XML parts of an XLSX archive. It never builds a DOM or holds a whole
 * part: it looks for a handful of markers chunk by chunk, carrying only a short tail between chunks.
 */

/** Raised when a part declares a DTD or entities; the guard turns it into an 'unsafe-archive' error. */
export class ForbiddenMarkupError extends Error {
	constructor(readonly markup: string) {
		super(`XML part contains ${markup}`);
		this.name = 'ForbiddenMarkupError';
	}
}

/** Raised when a part is not well-formed enough to scan (e.g. a tag that never closes). */
export class MalformedXmlError extends Error {
	constructor(reason: string) {
		super(reason);
		this.name = 'MalformedXmlError';
	}
}

const LESS_THAN = 0x3c;
const GREATER_THAN = 0x3e;
const COLON = 0x3a;
const SLASH = 0x2f;
const DOUBLE_QUOTE = 0x22;
const SINGLE_QUOTE = 0x27;
const MARKUP_START = Buffer.from('<!');
const FORBIDDEN_MARKUP = ['DOCTYPE', 'ENTITY'];
/** Any value-bearing cell element: `<v>` (value) or `<is>` (inline string). */
const VALUE_MARKERS = ['<v>', '<v ', '<is>', '<is '].map((marker) => Buffer.from(marker));
/** Longer than any marker plus a namespace prefix, so a marker split across chunks is always seen whole. */
const TAIL_BYTES = 64;
const MAX_PREFIX_BYTES = 32;
/** A single start tag longer than this is not something a spreadsheet writer produces. */
const MAX_TAG_BYTES = 1 << 20;

export interface XmlPartScannerOptions {
	/** Local names of the start tags to report (namespace prefixes are ignored). */
	tags: readonly string[];
	onTag: (localName: string, tagText: string) => void;
	/** Track whether the part contains any cell value (`<v>` or `<is>`). */
	watchValues: boolean;
}

export class XmlPartScanner {
	/** True once a `<v>` or `<is>` element was seen (only when watchValues is set). */
	hasValues = false;
	private carry: Buffer = Buffer.alloc(0);
	private readonly needles: { localName: string; bytes: Buffer }[];

	constructor(private readonly options: XmlPartScannerOptions) {
		this.needles = options.tags.map((localName) => ({ localName, bytes: Buffer.from(localName) }));
	}

	write(chunk: Buffer): void {
		const buffer = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
		const keepFrom = this.scan(buffer, false);
		if (buffer.length - keepFrom > MAX_TAG_BYTES) throw new MalformedXmlError('a tag never closes');
		// copy, so the carried tail does not pin the whole chunk in memory
		this.carry = Buffer.from(buffer.subarray(keepFrom));
	}

	end(): void {
		this.scan(this.carry, true);
		this.carry = Buffer.alloc(0);
	}

	/** Scans the buffer and returns the offset from which bytes must be carried into the next round. */
	private scan(buffer: Buffer, final: boolean): number {
		const limit = final ? buffer.length : Math.max(0, buffer.length - TAIL_BYTES);
		refuseMarkupDeclarations(buffer, limit);
		if (this.options.watchValues && !this.hasValues) {
			this.hasValues = VALUE_MARKERS.some((marker) => buffer.includes(marker));
		}
		let keepFrom = limit;
		for (const needle of this.needles) {
			keepFrom = Math.min(keepFrom, this.reportTags(buffer, limit, needle.localName, needle.bytes));
		}
		return keepFrom;
	}

	/**
	 * Reports every complete start tag whose '<' lies before `limit`; returns where the first unfinished
	 * one starts (or `limit`), so it is carried over and reported once the rest has arrived.
	 */
	private reportTags(buffer: Buffer, limit: number, localName: string, bytes: Buffer): number {
		for (let hit = buffer.indexOf(bytes); hit !== -1; hit = buffer.indexOf(bytes, hit + bytes.length)) {
			const tagStart = findTagStart(buffer, hit);
			if (tagStart === -1 || tagStart >= limit) continue;
			const after = hit + bytes.length;
			if (after >= buffer.length) return tagStart;
			if (!isNameEnd(buffer[after])) continue;
			const tagEnd = findTagEnd(buffer, after);
			if (tagEnd === -1) return tagStart;
			this.options.onTag(localName, buffer.toString('utf8', tagStart, tagEnd + 1));
		}
		return limit;
	}
}

function refuseMarkupDeclarations(buffer: Buffer, limit: number): void {
	for (
		let at = buffer.indexOf(MARKUP_START);
		at !== -1 && at < limit;
		at = buffer.indexOf(MARKUP_START, at + 2)
	) {
		const word = buffer.toString('latin1', at + 2, at + 9).toUpperCase();
		const forbidden = FORBIDDEN_MARKUP.find((markup) => word.startsWith(markup));
		if (forbidden) throw new ForbiddenMarkupError(`<!${forbidden}`);
	}
}

/** The '<' that opens the element whose local name starts at `hit`, allowing a `prefix:`; -1 if none. */
function findTagStart(buffer: Buffer, hit: number): number {
	const before = hit - 1;
	if (before < 0) return -1;
	if (buffer[before] === LESS_THAN) return before;
	if (buffer[before] !== COLON) return -1;
	for (let at = before - 1; at >= 0 && before - at <= MAX_PREFIX_BYTES; at--) {
		const byte = buffer[at];
		if (byte === LESS_THAN) return at === before - 1 ? -1 : at;
		if (!isPrefixByte(byte)) return -1;
	}
	return -1;
}

/** Index of the '>' that closes the tag, skipping '>' inside quoted attribute values; -1 if not yet seen. */
function findTagEnd(buffer: Buffer, from: number): number {
	let quote = 0;
	for (let at = from; at < buffer.length; at++) {
		const byte = buffer[at];
		if (quote !== 0) {
			if (byte === quote) quote = 0;
		} else if (byte === DOUBLE_QUOTE || byte === SINGLE_QUOTE) {
			quote = byte;
		} else if (byte === GREATER_THAN) {
			return at;
		}
	}
	return -1;
}

function isNameEnd(byte: number): boolean {
	return (
		byte === SLASH ||
		byte === GREATER_THAN ||
		byte === 0x20 ||
		byte === 0x09 ||
		byte === 0x0a ||
		byte === 0x0d
	);
}

function isPrefixByte(byte: number): boolean {
	return (
		(byte >= 0x61 && byte <= 0x7a) ||
		(byte >= 0x41 && byte <= 0x5a) ||
		(byte >= 0x30 && byte <= 0x39) ||
		byte === 0x5f ||
		byte === 0x2d ||
		byte === 0x2e
	);
}

/** Attribute values of one start tag, keyed by qualified name (`r:id` stays `r:id`), entities decoded. */
export function readAttributes(tagText: string): Map<string, string> {
	const attributes = new Map<string, string>();
	for (const match of tagText.matchAll(/([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
		attributes.set(match[1], decodeXmlEntities(match[2] ?? match[3] ?? ''));
	}
	return attributes;
}

/** Looks an attribute up by local name whatever its prefix, e.g. `id` finds `r:id` or `ns2:id`. */
export function findPrefixedAttribute(
	attributes: Map<string, string>,
	localName: string
): string | undefined {
	for (const [name, value] of attributes) {
		if (name.endsWith(`:${localName}`)) return value;
	}
	return undefined;
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeXmlEntities(text: string): string {
	if (!text.includes('&')) return text;
	return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, body: string) => {
		if (body.startsWith('#x')) return decodeCodePoint(parseInt(body.slice(2), 16), whole);
		if (body.startsWith('#')) return decodeCodePoint(parseInt(body.slice(1), 10), whole);
		return NAMED_ENTITIES[body] ?? whole;
	});
}

function decodeCodePoint(codePoint: number, fallback: string): string {
	return codePoint >= 0 && codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : fallback;
}
