import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import yauzl from 'yauzl';
import { kindNames, type KindName } from '$pipelines/kinds/kind-definition.ts';
import { describeBytes, type IngestLimits } from '$pipelines/load/limits.ts';
import { detectFileFormat, readFileHead } from '$pipelines/readers/file-format.ts';
import {
	MalformedMultipartError,
	MultipartScanner,
	readBoundary,
	readContentDisposition,
	type MultipartEvent
} from './multipart-scanner.ts';

/** Room for the text fields and part headers around the file (a column mapping is the largest). */
export const MULTIPART_OVERHEAD_BYTES = 1024 * 1024;
const MAX_FIELD_BYTES = 64 * 1024;
const FILE_FIELD = 'file';
const TEXT_FIELDS = ['kind', 'acceptPartial', 'wave', 'sheet', 'mapping'] as const;

export interface UploadFields {
	kind?: KindName;
	acceptPartial: boolean;
	wave?: string;
	sheetName?: string;
	mapping?: Record<string, string>;
}

export interface ReceivedUpload {
	/** A randomly named temp file; the caller removes it with `discard()`. */
	filePath: string;
	/** The uploader's file name, as a label only. */
	fileName: string;
	fileBytes: number;
	format: 'csv' | 'xlsx';
	fields: UploadFields;
	discard(): void;
}

/** A request refused before anything was loaded; `status` is the HTTP answer. */
export class UploadRefusedError extends Error {
	constructor(
		readonly status: 400 | 413 | 415,
		message: string
	) {
		super(message);
	}
}

export interface ReceiveOptions {
	/** Where the temp file goes (tests use a directory of their own). */
	tempDir?: string;
}

/**
 * Streams a multipart/form-data upload to a temp file, counting bytes as they arrive so an oversized
 * body is refused (413) without being held in memory, and judges the file by its content (415).
 */
export async function receiveUpload(
	request: Request,
	limits: IngestLimits,
	options: ReceiveOptions = {}
): Promise<ReceivedUpload> {
	const boundary = readBoundary(request.headers.get('content-type'));
	if (!boundary) throw new UploadRefusedError(400, 'Send the file as multipart/form-data with a boundary.');
	const maxBodyBytes = limits.maxFileBytes + MULTIPART_OVERHEAD_BYTES;
	const declared = Number(request.headers.get('content-length'));
	if (Number.isFinite(declared) && declared > maxBodyBytes) throw refuseOversize(declared, limits);
	if (!request.body) throw new UploadRefusedError(400, 'The request has no body.');

	const filePath = path.join(options.tempDir ?? os.tmpdir(), `courtyard-upload-${randomUUID()}`);
	const discard = () => fs.rmSync(filePath, { force: true });
	try {
		const received = await streamParts(request.body, boundary, filePath, limits);
		const format = await judgeFormat(filePath, received.fileName, limits);
		return { filePath, format, ...received, discard };
	} catch (error) {
		discard();
		if (error instanceof MalformedMultipartError) throw new UploadRefusedError(400, error.message);
		throw error;
	}
}

function refuseOversize(bytes: number | null, limits: IngestLimits): UploadRefusedError {
	const size = bytes === null ? 'larger than' : `${describeBytes(bytes)}, over`;
	return new UploadRefusedError(
		413,
		`The upload is ${size} the ${describeBytes(limits.maxFileBytes)} limit for a file sent through the web; ` +
			'an operator can load larger files with `npm run ingest`.'
	);
}

/** Reads the body once, writing the file part to disk as it arrives and keeping the small text fields. */
async function streamParts(
	body: ReadableStream<Uint8Array>,
	boundary: string,
	filePath: string,
	limits: IngestLimits
): Promise<Omit<ReceivedUpload, 'filePath' | 'format' | 'discard'>> {
	const scanner = new MultipartScanner(boundary);
	const texts = new Map<string, string>();
	let fileName: string | null = null;
	let fileBytes = 0;
	let current: { field: string; isFile: boolean; chunks: Buffer[]; bytes: number } | null = null;
	let out: fs.WriteStream | null = null;
	let bodyBytes = 0;
	const maxBodyBytes = limits.maxFileBytes + MULTIPART_OVERHEAD_BYTES;

	const handle = async (event: MultipartEvent) => {
		if (event.type === 'part') {
			const { name, fileName: partFileName } = readContentDisposition(event.headers);
			const isFile = partFileName !== null;
			if (isFile && (name !== FILE_FIELD || out))
				throw new UploadRefusedError(400, `Send one file, in the form field "${FILE_FIELD}".`);
			if (isFile) {
				fileName = labelFileName(partFileName);
				out = fs.createWriteStream(filePath, { flags: 'wx', mode: 0o600 });
				// Write errors reach writeChunk's callback; without a listener they would also crash the process.
				out.on('error', () => undefined);
			}
			current = { field: name, isFile, chunks: [], bytes: 0 };
		} else if (event.type === 'data' && current) {
			current.bytes += event.bytes.length;
			if (current.isFile) {
				fileBytes += event.bytes.length;
				if (fileBytes > limits.maxFileBytes) throw refuseOversize(null, limits);
				await writeChunk(out!, event.bytes);
			} else {
				if (current.bytes > MAX_FIELD_BYTES)
					throw new UploadRefusedError(400, `The form field "${current.field}" is too long.`);
				current.chunks.push(Buffer.from(event.bytes));
			}
		} else if (event.type === 'part-end' && current) {
			if (!current.isFile) texts.set(current.field, Buffer.concat(current.chunks).toString('utf8'));
			current = null;
		}
	};

	const reader = body.getReader();
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			bodyBytes += value.length;
			// Stop reading at once: the rest of an oversized body is never taken in.
			if (bodyBytes > maxBodyBytes) throw refuseOversize(null, limits);
			for (const event of scanner.push(value)) await handle(event);
			if (scanner.finished) break;
		}
		scanner.finish();
	} finally {
		// Releasing (not cancelling) the reader: under adapter-node a cancel destroys the socket, and the
		// client would never see our 413. The server closes the connection after answering instead.
		reader.releaseLock();
		await closeStream(out);
	}
	if (fileName === null)
		throw new UploadRefusedError(400, `The form has no file in the field "${FILE_FIELD}".`);
	return { fileName, fileBytes, fields: readFields(texts) };
}

function writeChunk(out: fs.WriteStream, bytes: Uint8Array): Promise<void> {
	return new Promise((resolve, reject) => {
		out.write(bytes, (error) => (error ? reject(error) : resolve()));
	});
}

function closeStream(out: fs.WriteStream | null): Promise<void> {
	if (!out || out.closed) return Promise.resolve();
	return new Promise((resolve) => out.end(() => resolve()));
}

/** The last path segment, without control characters: a label for messages, never a path. */
export function labelFileName(raw: string): string {
	const segment = [...raw.split(/[/\\]/).pop()!]
		.filter((char) => char.charCodeAt(0) >= 0x20 && char.charCodeAt(0) !== 0x7f)
		.join('')
		.trim();
	return segment.slice(0, 255) || 'upload';
}

function readFields(texts: Map<string, string>): UploadFields {
	const unknown = [...texts.keys()].filter((name) => !(TEXT_FIELDS as readonly string[]).includes(name));
	if (unknown.length)
		throw new UploadRefusedError(
			400,
			`Unknown form field ${unknown.map((n) => `"${n}"`).join(', ')}; use ${TEXT_FIELDS.join(', ')}.`
		);
	const optional = (name: string) => {
		const value = texts.get(name)?.trim();
		return value ? value : undefined;
	};
	const kind = optional('kind');
	if (kind !== undefined && !(kindNames as readonly string[]).includes(kind))
		throw new UploadRefusedError(400, `Unknown kind "${kind}"; use one of: ${kindNames.join(', ')}.`);
	return {
		kind: kind as KindName | undefined,
		acceptPartial: ['true', '1', 'on', 'yes'].includes(optional('acceptPartial')?.toLowerCase() ?? ''),
		wave: optional('wave'),
		sheetName: optional('sheet'),
		mapping: readMapping(optional('mapping'))
	};
}

function readMapping(text: string | undefined): Record<string, string> | undefined {
	if (text === undefined) return undefined;
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		throw new UploadRefusedError(400, 'The mapping field is not valid JSON.');
	}
	const isStringRecord =
		typeof value === 'object' &&
		value !== null &&
		!Array.isArray(value) &&
		Object.values(value).every((v) => typeof v === 'string');
	if (!isStringRecord)
		throw new UploadRefusedError(400, 'The mapping field must be a JSON object of column → field names.');
	return value as Record<string, string>;
}

/** By content, never by name: only CSV and real workbooks go on to the pipeline. */
async function judgeFormat(
	filePath: string,
	fileName: string,
	limits: IngestLimits
): Promise<'csv' | 'xlsx'> {
	const detected = detectFileFormat(await readFileHead(filePath));
	if (detected.format === 'unsupported')
		throw new UploadRefusedError(
			415,
			`${fileName} looks like ${detected.reason}. Upload a CSV or .xlsx file.`
		);
	if (detected.format === 'xlsx' && !(await listsWorkbookPart(filePath, limits)))
		throw new UploadRefusedError(
			415,
			`${fileName} looks like a zip archive that is not an Excel workbook (it has no xl/workbook.xml). ` +
				'Upload a CSV or .xlsx file.'
		);
	return detected.format;
}

/**
 * Reads only the zip's central directory (nothing is inflated). An archive too big or too broken to
 * list is passed on: the pipeline's own checks refuse it and record the failed batch.
 */
async function listsWorkbookPart(filePath: string, limits: IngestLimits): Promise<boolean> {
	let zip: yauzl.ZipFile;
	try {
		zip = await yauzl.openPromise(filePath, { lazyEntries: true, autoClose: false });
	} catch {
		return true;
	}
	if (zip.entryCount > limits.maxZipEntries) {
		zip.close();
		return true;
	}
	return new Promise((resolve) => {
		const settle = (found: boolean) => {
			zip.close();
			resolve(found);
		};
		zip.on('entry', (entry: yauzl.Entry) => {
			if (entry.fileName === 'xl/workbook.xml') settle(true);
			else zip.readEntry();
		});
		zip.on('end', () => settle(false));
		zip.on('error', () => settle(true));
		zip.readEntry();
	});
}
