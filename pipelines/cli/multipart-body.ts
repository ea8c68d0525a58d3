import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { Readable } from 'node:stream';

export interface MultipartBody {
	contentType: string;
	/** Known up front, so the server can refuse an oversized file before a byte of it is sent. */
	contentLength: number;
	stream: ReadableStream<Uint8Array>;
}

export interface MultipartFilePart {
	fieldName: string;
	/** Sent as the file's label only; the server never uses it in a path. */
	fileName: string;
	filePath: string;
}

/**
 * A multipart/form-data body of text fields followed by one file, streamed from disk so a 2 GB file is
 * never held in memory. Unset fields are left out.
 */
export function buildMultipartBody(
	fields: Record<string, string | undefined>,
	file: MultipartFilePart,
	boundary = `----courtyard-${randomBytes(16).toString('hex')}`
): MultipartBody {
	const fieldParts = Object.entries(fields)
		.filter((entry): entry is [string, string] => entry[1] !== undefined)
		.map(
			([name, value]) =>
				`--${boundary}\r\nContent-Disposition: form-data; name="${quoteParam(name)}"\r\n\r\n${value}\r\n`
		);
	const head = Buffer.from(
		fieldParts.join('') +
			`--${boundary}\r\nContent-Disposition: form-data; name="${quoteParam(file.fieldName)}"; ` +
			`filename="${toAsciiFallback(file.fileName)}"; filename*=UTF-8''${encodeRfc5987(file.fileName)}\r\n` +
			'Content-Type: application/octet-stream\r\n\r\n',
		'utf8'
	);
	const tail = Buffer.from(`\r\n--${boundary}--\r\n`, 'latin1');
	const fileSize = fs.statSync(file.filePath).size;
	async function* generateChunks(): AsyncGenerator<Uint8Array> {
		yield head;
		for await (const chunk of fs.createReadStream(file.filePath, { highWaterMark: 1 << 20 }))
			yield chunk as Buffer;
		yield tail;
	}
	return {
		contentType: `multipart/form-data; boundary=${boundary}`,
		contentLength: head.length + fileSize + tail.length,
		stream: Readable.toWeb(Readable.from(generateChunks())) as ReadableStream<Uint8Array>
	};
}

function quoteParam(value: string): string {
	return value.replace(/[\\"]/g, '\\$&').replace(/[\r\n]/g, ' ');
}

/** For servers that ignore `filename*`: non-ASCII and quoting characters become '_'. */
function toAsciiFallback(name: string): string {
	return name.replace(/[^\x20-\x7e]|["\\]/g, '_');
}

function encodeRfc5987(value: string): string {
	return encodeURIComponent(value).replace(
		/['()*]/g,
		(c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`
	);
}
