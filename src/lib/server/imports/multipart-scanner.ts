/** One step of a multipart/form-data body, in the order the bytes arrive. */
export type MultipartEvent =
	| { type: 'part'; headers: Map<string, string> }
	| { type: 'data'; bytes: Uint8Array }
	| { type: 'part-end' }
	| { type: 'end' };

export class MalformedMultipartError extends Error {}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');
/** Part headers are a few lines; more than this is not a form a browser or our CLI would send. */
const MAX_HEADER_BYTES = 16 * 1024;

type State = 'preamble' | 'after-delimiter' | 'headers' | 'body' | 'done';

/**
 * Splits a multipart/form-data body into parts as the chunks arrive, keeping at most one delimiter's
 * length of file bytes (or one part's headers) back: a file part is never held whole in memory.
 */
export class MultipartScanner {
	private readonly delimiter: Buffer;
	// The body's first boundary has no CRLF before it; starting with one lets a single search find every boundary.
	private pending: Buffer = Buffer.from(CRLF);
	private state: State = 'preamble';

	constructor(boundary: string) {
		this.delimiter = Buffer.from(`\r\n--${boundary}`, 'latin1');
	}

	get finished(): boolean {
		return this.state === 'done';
	}

	/** Feeds the next chunk; returns what it completes. Bytes after the closing boundary are ignored. */
	push(chunk: Uint8Array): MultipartEvent[] {
		if (this.state === 'done') return [];
		this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : Buffer.from(chunk);
		const events: MultipartEvent[] = [];
		while (this.step(events));
		return events;
	}

	/** Called at the end of the stream: a body without its closing boundary was cut off. */
	finish(): void {
		if (this.state !== 'done')
			throw new MalformedMultipartError('The form data ended before its closing boundary.');
	}

	/** Advances by one state change; false when more bytes are needed. */
	private step(events: MultipartEvent[]): boolean {
		const buffer = this.pending;
		switch (this.state) {
			case 'preamble': {
				const at = buffer.indexOf(this.delimiter);
				if (at < 0) {
					this.pending = this.keepTail(buffer);
					return false;
				}
				this.pending = buffer.subarray(at + this.delimiter.length);
				this.state = 'after-delimiter';
				return true;
			}
			case 'after-delimiter': {
				if (buffer.length < 2) return false;
				if (buffer[0] === 0x2d && buffer[1] === 0x2d) {
					this.state = 'done';
					this.pending = Buffer.alloc(0);
					events.push({ type: 'end' });
					return false;
				}
				const lineEnd = buffer.indexOf(CRLF);
				if (lineEnd < 0) {
					if (buffer.length > 256)
						throw new MalformedMultipartError('A form boundary is not followed by a line end.');
					return false;
				}
				// RFC 2046 allows transport padding (spaces, tabs) between the boundary and its line end.
				if (buffer.subarray(0, lineEnd).some((byte) => byte !== 0x20 && byte !== 0x09))
					throw new MalformedMultipartError('A form boundary is followed by unexpected bytes.');
				this.pending = buffer.subarray(lineEnd + 2);
				this.state = 'headers';
				return true;
			}
			case 'headers': {
				if (buffer.length < 2) return false;
				// A part without headers starts with the blank line straight away.
				const bare = buffer[0] === 0x0d && buffer[1] === 0x0a;
				const end = bare ? 0 : buffer.indexOf(HEADER_END);
				if (end < 0) {
					if (buffer.length > MAX_HEADER_BYTES)
						throw new MalformedMultipartError('A form part has oversized headers.');
					return false;
				}
				events.push({ type: 'part', headers: parsePartHeaders(buffer.subarray(0, end).toString('utf8')) });
				this.pending = buffer.subarray(bare ? 2 : end + 4);
				this.state = 'body';
				return true;
			}
			case 'body': {
				const at = buffer.indexOf(this.delimiter);
				if (at < 0) {
					const safe = buffer.length - (this.delimiter.length - 1);
					if (safe > 0) {
						events.push({ type: 'data', bytes: buffer.subarray(0, safe) });
						this.pending = buffer.subarray(safe);
					}
					return false;
				}
				if (at > 0) events.push({ type: 'data', bytes: buffer.subarray(0, at) });
				events.push({ type: 'part-end' });
				this.pending = buffer.subarray(at + this.delimiter.length);
				this.state = 'after-delimiter';
				return true;
			}
			case 'done':
				return false;
		}
	}

	/** Keeps only what could be the start of a delimiter split across chunks. */
	private keepTail(buffer: Buffer): Buffer {
		const keep = this.delimiter.length - 1;
		return buffer.length > keep ? buffer.subarray(buffer.length - keep) : buffer;
	}
}

/** Header names lower-cased; folded (continued) lines joined. */
function parsePartHeaders(text: string): Map<string, string> {
	const headers = new Map<string, string>();
	let last: string | null = null;
	for (const line of text.split('\r\n')) {
		if (line === '') continue;
		if (/^[ \t]/.test(line) && last) {
			headers.set(last, `${headers.get(last)} ${line.trim()}`);
			continue;
		}
		const colon = line.indexOf(':');
		if (colon <= 0) throw new MalformedMultipartError(`A form part has a malformed header line.`);
		last = line.slice(0, colon).trim().toLowerCase();
		headers.set(last, line.slice(colon + 1).trim());
	}
	return headers;
}

/** The boundary from a `multipart/form-data; boundary=…` Content-Type, or null for any other type. */
export function readBoundary(contentType: string | null): string | null {
	if (!contentType || !/^multipart\/form-data\s*(;|$)/i.test(contentType)) return null;
	const params = readHeaderParams(contentType);
	const boundary = params.get('boundary');
	// RFC 2046: 1–70 characters.
	return boundary && boundary.length <= 70 ? boundary : null;
}

/** The `name=value` parameters after a header's first `;` (quoted values unescaped), names lower-cased. */
export function readHeaderParams(value: string): Map<string, string> {
	const params = new Map<string, string>();
	const pattern = /;\s*([^=;\s]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)/g;
	for (const match of value.matchAll(pattern)) {
		const raw = match[2].trim();
		const unquoted = raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw;
		params.set(match[1].toLowerCase(), unquoted);
	}
	return params;
}

/** A part's form field name and, for a file, its file name (RFC 5987 `filename*` preferred). */
export function readContentDisposition(headers: Map<string, string>): {
	name: string;
	fileName: string | null;
} {
	const disposition = headers.get('content-disposition');
	if (!disposition || !/^form-data\s*(;|$)/i.test(disposition))
		throw new MalformedMultipartError('A form part has no Content-Disposition: form-data header.');
	const params = readHeaderParams(disposition);
	const name = params.get('name');
	if (name === undefined) throw new MalformedMultipartError('A form part has no field name.');
	const extended = params.get('filename*');
	const fileName =
		(extended !== undefined ? decodeExtendedValue(extended) : null) ?? params.get('filename') ?? null;
	return { name, fileName };
}

/** Decodes `UTF-8''%E6%8A%95%E8%AF%89.csv`; null when the charset is not one we know. */
function decodeExtendedValue(value: string): string | null {
	const match = /^([^']*)'[^']*'(.*)$/.exec(value);
	if (!match) return null;
	const charset = match[1].toLowerCase();
	const bytes = Buffer.from(
		match[2].replace(/%([0-9a-f]{2})/gi, (_, hex) => String.fromCharCode(parseInt(hex, 16))),
		'latin1'
	);
	if (charset === 'utf-8') return bytes.toString('utf8');
	if (charset === 'iso-8859-1') return bytes.toString('latin1');
	return null;
}
