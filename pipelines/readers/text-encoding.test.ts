import { describe, expect, it } from 'vitest';
import { detectTextEncoding, toDecoderLabel } from './text-encoding.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);
// 投诉时间,片区,楼栋 in GB18030 (GBK).
const GB18030_HEADER = Uint8Array.from([
	0xcd, 0xb6, 0xcb, 0xdf, 0xca, 0xb1, 0xbc, 0xe4, 0x2c, 0xc6, 0xac, 0xc7, 0xf8, 0x2c, 0xc2, 0xa5, 0xb6, 0xb0
]);

describe('detectTextEncoding', () => {
	it('recognises byte order marks first', () => {
		expect(detectTextEncoding(Uint8Array.from([0xef, 0xbb, 0xbf, 0x61]))).toBe('utf-8-bom');
		expect(detectTextEncoding(Uint8Array.from([0xff, 0xfe, 0x61, 0x00]))).toBe('utf-16le');
		expect(detectTextEncoding(Uint8Array.from([0xfe, 0xff, 0x00, 0x61]))).toBe('utf-16be');
	});

	it('takes pure ASCII and empty input as UTF-8', () => {
		expect(detectTextEncoding(utf8('a,b\r\n1,2\r\n'))).toBe('utf-8');
		expect(detectTextEncoding(new Uint8Array(0))).toBe('utf-8');
	});

	it('takes valid UTF-8 Chinese text as UTF-8', () => {
		expect(detectTextEncoding(utf8('投诉时间,片区,楼栋\n2024-01-05,华东一区,3号楼\n'))).toBe('utf-8');
	});

	it('tolerates a sample that ends inside a multi-byte character', () => {
		const text = utf8('片区,楼栋');
		// Cut one and two bytes into the 3-byte 栋, and inside a 4-byte emoji.
		expect(detectTextEncoding(text.subarray(0, text.length - 1))).toBe('utf-8');
		expect(detectTextEncoding(text.subarray(0, text.length - 2))).toBe('utf-8');
		const emoji = utf8('ok 😀');
		for (let cut = 1; cut <= 3; cut++) {
			expect(detectTextEncoding(emoji.subarray(0, emoji.length - cut))).toBe('utf-8');
		}
	});

	it('does not excuse invalid bytes that are not a cut-off character', () => {
		expect(detectTextEncoding(Uint8Array.from([0x61, 0x62, 0xff]))).toBe('gb18030');
		expect(detectTextEncoding(Uint8Array.from([0x61, 0xe6, 0x61, 0x62]))).toBe('gb18030');
	});

	it('takes GBK/GB18030 Chinese as gb18030, which TextDecoder then decodes', () => {
		const encoding = detectTextEncoding(GB18030_HEADER);
		expect(encoding).toBe('gb18030');
		expect(new TextDecoder(toDecoderLabel(encoding)).decode(GB18030_HEADER)).toBe('投诉时间,片区,楼栋');
	});

	it('maps the BOM variant to a decoder label', () => {
		expect(toDecoderLabel('utf-8-bom')).toBe('utf-8');
		expect(toDecoderLabel('utf-16be')).toBe('utf-16be');
	});
});
