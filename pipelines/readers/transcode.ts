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
