export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gb18030';

/**
 * Guesses the encoding of a text file from its first bytes. Files without a BOM that are not valid UTF-8
 * are taken as GB18030: in practice they are Excel/WPS exports on Chinese Windows (GBK, a GB18030 subset).
 */
export function detectTextEncoding(sample: Uint8Array): TextEncodingName {
	if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'utf-8-bom';
	if (sample[0] === 0xff && sample[1] === 0xfe) return 'utf-16le';
	if (sample[0] === 0xfe && sample[1] === 0xff) return 'utf-16be';
	return isValidUtf8(trimIncompleteUtf8Tail(sample)) ? 'utf-8' : 'gb18030';
}

/** The label `TextDecoder` understands for a detected encoding. */
export function toDecoderLabel(encoding: TextEncodingName): string {
	return encoding === 'utf-8-bom' ? 'utf-8' : encoding;
}

function isValidUtf8(bytes: Uint8Array): boolean {
	try {
		new TextDecoder('utf-8', { fatal: true }).decode(bytes);
		return true;
	} catch {
		return false;
	}
}

/**
 * A sample cut from a larger file may end in the middle of a multi-byte character; drop that partial
 * character so it is not mistaken for invalid UTF-8. Only the last 3 bytes can belong to it.
 */
function trimIncompleteUtf8Tail(bytes: Uint8Array): Uint8Array {
	const stop = Math.max(0, bytes.length - 3);
	for (let index = bytes.length - 1; index >= stop; index--) {
		const byte = bytes[index];
		if ((byte & 0xc0) === 0x80) continue;
		// ASCII, or a byte that can never start a UTF-8 character: nothing to excuse.
		if (byte < 0xc2 || byte > 0xf4) return bytes;
		const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
		return bytes.length - index < length ? bytes.subarray(0, index) : bytes;
	}
	return bytes;
}
