/**
 * Node's TextDecoder reads GB18030 but there is no encoder. The demo needs one to write the oldest complaint
 * file the way a Chinese Excel saves "CSV", so the reverse of the two-byte (GBK-compatible) part of the
 * table is built by decoding every lead/trail pair once. Four-byte sequences are not covered: the demo only
 * writes common Chinese, and an unmapped character throws instead of being silently replaced.
 */

/** code unit → (lead << 8 | trail); 0 where no two-byte sequence exists. */
let reverseTable: Uint16Array | null = null;

function buildReverseTable(): Uint16Array {
	const table = new Uint16Array(0x10000);
	const decoder = new TextDecoder('gb18030', { fatal: true });
	const pair = new Uint8Array(2);
	for (let lead = 0x81; lead <= 0xfe; lead++) {
		for (let trail = 0x40; trail <= 0xfe; trail++) {
			if (trail === 0x7f) continue;
			pair[0] = lead;
			pair[1] = trail;
			let text: string;
			try {
				text = decoder.decode(pair);
			} catch {
				continue;
			}
			if (text.length !== 1) continue;
			const code = text.charCodeAt(0);
			// Keep the first sequence for a character; the table has a few duplicates (compatibility forms).
			if (code >= 0x80 && table[code] === 0) table[code] = (lead << 8) | trail;
		}
	}
	return table;
}

function getReverseTable(): Uint16Array {
	reverseTable ??= buildReverseTable();
	return reverseTable;
}

export function encodeGb18030(text: string): Uint8Array {
	const table = getReverseTable();
	const out = new Uint8Array(text.length * 2);
	let length = 0;
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (code < 0x80) {
			out[length++] = code;
			continue;
		}
		const bytes = table[code];
		if (bytes === 0) {
			const point = text.codePointAt(i) ?? code;
			throw new RangeError(
				`encodeGb18030: U+${point.toString(16).toUpperCase().padStart(4, '0')} ` +
					`(${String.fromCodePoint(point)}) has no two-byte GB18030 code`
			);
		}
		out[length++] = bytes >> 8;
		out[length++] = bytes & 0xff;
	}
	return out.subarray(0, length);
}
