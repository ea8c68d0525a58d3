import fs from 'node:fs';
import { toDecoderLabel, type TextEncodingName } from './text-encoding.ts';

/** Streams a text file into a UTF-8 copy (DuckDB reads UTF-8 only; GB18030 is decoded in Node). */
export async function transcodeToUtf8(
	source: string,
	encoding: TextEncodingName,
	target: string
): Promise<void> {
	const decoder = new TextDecoder(toDecoderLabel(encoding));
	const out = fs.openSync(target, 'w');
	try {
		let first = true;
		for await (const chunk of fs.createReadStream(source, { highWaterMark: 1 << 20 })) {
			let text = decoder.decode(chunk as Buffer, { stream: true });
			if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
			first = false;
			fs.writeSync(out, text);
		}
		fs.writeSync(out, decoder.decode());
	} finally {
		fs.closeSync(out);
	}
}

/** Whether a text file's lines end in CRLF or LF (DuckDB must be told when it does not sniff). */
export function detectLineBreak(filePath: string): '\r\n' | '\n' {
	const fd = fs.openSync(filePath, 'r');
	try {
		const head = Buffer.alloc(1 << 16);
		const length = fs.readSync(fd, head, 0, head.length, 0);
		const newline = head.subarray(0, length).indexOf(10);
		return newline > 0 && head[newline - 1] === 13 ? '\r\n' : '\n';
	} finally {
		fs.closeSync(fd);
	}
}
