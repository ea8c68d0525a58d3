import { describe, expect, it } from 'vitest';
import { encodeGb18030 } from './gb18030-encoder.ts';
import { COMPLAINT_SENTENCES, GENERAL_COMMENTS, INVALID_REASONS, LIFT_HOTSPOT_SENTENCES } from './texts.ts';

const decoder = new TextDecoder('gb18030');

function toHex(bytes: Uint8Array): string {
	return Buffer.from(bytes).toString('hex');
}

describe('encodeGb18030', () => {
	it('encodes known characters to their GBK two-byte codes', () => {
		expect(toHex(encodeGb18030('中'))).toBe('d6d0');
		expect(toHex(encodeGb18030('你好'))).toBe('c4e3bac3');
		expect(toHex(encodeGb18030('，。'))).toBe('a3aca1a3');
	});

	it('passes ASCII through unchanged', () => {
		const ascii = Array.from({ length: 128 }, (_, i) => String.fromCharCode(i)).join('');
		expect(Array.from(encodeGb18030(ascii))).toEqual(Array.from({ length: 128 }, (_, i) => i));
	});

	it('round-trips every CJK unified ideograph of GBK (U+4E00–U+9FA5)', () => {
		let text = '';
		for (let code = 0x4e00; code <= 0x9fa5; code++) text += String.fromCharCode(code);
		expect(decoder.decode(encodeGb18030(text))).toBe(text);
	});

	it('round-trips every character it can encode', () => {
		let text = '';
		for (let code = 0x80; code < 0x10000; code++) {
			if (code >= 0xd800 && code <= 0xdfff) continue;
			const ch = String.fromCharCode(code);
			try {
				encodeGb18030(ch);
				text += ch;
			} catch {
				// Not in the two-byte table; covered by the next tests.
			}
		}
		expect(text.length).toBeGreaterThan(21_000);
		expect(decoder.decode(encodeGb18030(text))).toBe(text);
	});

	it('round-trips the demo vocabulary, full-width forms and mixed text', () => {
		const vocabulary = [
			...Object.values(COMPLAINT_SENTENCES).flat(),
			...LIFT_HOTSPOT_SENTENCES,
			...INVALID_REASONS,
			...GENERAL_COMMENTS,
			'翠湖花园 锦绣江南 阳光新城 枫林雅苑 滨江一号 国贸中心A座 科技大厦 万象汇商场',
			'ＪＸ－７－１－１５０２ 业主原话:"电梯坏了"\r\n2023/11/7 14:05'
		].join('\n');
		expect(decoder.decode(encodeGb18030(vocabulary))).toBe(vocabulary);
	});

	it('throws on characters outside the two-byte table instead of replacing them', () => {
		expect(() => encodeGb18030('电梯😀')).toThrow(/U\+1F600/);
		expect(() => encodeGb18030('𠀀')).toThrow(RangeError);
	});
});
