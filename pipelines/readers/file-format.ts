import { open } from 'node:fs/promises';

export type FileFormat = { format: 'csv' | 'xlsx' } | { format: 'unsupported'; reason: string };

interface Signature {
	bytes: readonly number[];
	reason: string;
}

const ZIP_LOCAL_HEADER = [0x50, 0x4b, 0x03, 0x04];

// Checked in order; each reason completes the sentence "this file is ...".
const UNSUPPORTED_SIGNATURES: readonly Signature[] = [
	{
		bytes: [0xd0, 0xcf, 0x11, 0xe0],
		reason: 'an old .xls (Excel 97-2003) workbook; save it as .xlsx or CSV'
	},
	{ bytes: [0x50, 0x4b, 0x05, 0x06], reason: 'an empty zip archive, not a workbook' },
	{ bytes: [0x25, 0x50, 0x44, 0x46], reason: 'a PDF document, not a spreadsheet' },
	{ bytes: [0x89, 0x50, 0x4e, 0x47], reason: 'a PNG image, not a spreadsheet' },
	{ bytes: [0xff, 0xd8, 0xff], reason: 'a JPEG image, not a spreadsheet' },
	{ bytes: [0x47, 0x49, 0x46, 0x38], reason: 'a GIF image, not a spreadsheet' },
	{ bytes: [0x1f, 0x8b], reason: 'a gzip-compressed file; decompress it first' },
	{ bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], reason: 'a 7z archive; extract the spreadsheet first' },
	{ bytes: [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07], reason: 'a RAR archive; extract the spreadsheet first' }
];

// Some systems export HTML or SpreadsheetML 2003 and name it .xls; parsing it as CSV would give garbage.
const MARKUP_PREFIXES: readonly { prefix: string; reason: string }[] = [
	{
		prefix: '<!doctype html',
		reason: 'an HTML page, not a spreadsheet; open it in Excel and save it as .xlsx or CSV'
	},
	{
		prefix: '<html',
		reason: 'an HTML page, not a spreadsheet; open it in Excel and save it as .xlsx or CSV'
	},
	{ prefix: '<?xml', reason: 'an XML file, not a spreadsheet; open it in Excel and save it as .xlsx or CSV' }
];

const BINARY_SCAN_BYTES = 8192;

/** Judges a file by its first bytes (never by its name): which reader can handle it, or why none can. */
export function detectFileFormat(head: Uint8Array): FileFormat {
	if (startsWithBytes(head, ZIP_LOCAL_HEADER)) return { format: 'xlsx' };
	for (const signature of UNSUPPORTED_SIGNATURES) {
		if (startsWithBytes(head, signature.bytes)) return { format: 'unsupported', reason: signature.reason };
	}
	const utf16 = startsWithBytes(head, [0xff, 0xfe]) || startsWithBytes(head, [0xfe, 0xff]);
	if (!utf16 && head.subarray(0, BINARY_SCAN_BYTES).includes(0)) {
		return { format: 'unsupported', reason: 'binary file, not a spreadsheet' };
	}
	if (!utf16) {
		const markup = findMarkupReason(head);
		if (markup) return { format: 'unsupported', reason: markup };
	}
	return { format: 'csv' };
}

/** Reads up to `bytes` bytes from the start of a file (fewer when the file is shorter). */
export async function readFileHead(path: string, bytes = BINARY_SCAN_BYTES): Promise<Uint8Array> {
	const handle = await open(path, 'r');
	try {
		const buffer = new Uint8Array(bytes);
		let filled = 0;
		// A single read may return less than asked for, so keep reading until full or end of file.
		while (filled < bytes) {
			const { bytesRead } = await handle.read(buffer, filled, bytes - filled, filled);
			if (bytesRead === 0) break;
			filled += bytesRead;
		}
		return buffer.subarray(0, filled);
	} finally {
		await handle.close();
	}
}

function startsWithBytes(head: Uint8Array, bytes: readonly number[]): boolean {
	if (head.length < bytes.length) return false;
	return bytes.every((byte, index) => head[index] === byte);
}

function findMarkupReason(head: Uint8Array): string | undefined {
	let start = startsWithBytes(head, [0xef, 0xbb, 0xbf]) ? 3 : 0;
	while (start < head.length && isAsciiSpace(head[start])) start++;
	if (head[start] !== 0x3c) return undefined;
	const text = String.fromCharCode(...head.subarray(start, start + 16)).toLowerCase();
	return MARKUP_PREFIXES.find((markup) => text.startsWith(markup.prefix))?.reason;
}

function isAsciiSpace(byte: number): boolean {
	return byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d;
}
