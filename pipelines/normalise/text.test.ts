import { describe, expect, it } from 'vitest';
import { formatPlainNumber, normaliseLabel, normaliseText, normaliseUnitCode, toHalfWidth } from './text.ts';

describe('normaliseText', () => {
	it('trims text and treats blank as empty', () => {
		expect(normaliseText('  张三 ')).toBe('张三');
		expect(normaliseText('\u3000李四\u3000')).toBe('李四');
		expect(normaliseText('')).toBeNull();
		expect(normaliseText(' \t ')).toBeNull();
		expect(normaliseText(null)).toBeNull();
	});

	it('writes numbers plainly', () => {
		expect(normaliseText(13800138000)).toBe('13800138000');
		expect(normaliseText(42)).toBe('42');
		expect(normaliseText(-0)).toBe('0');
		expect(normaliseText(3.25)).toBe('3.25');
		expect(normaliseText(1e21)).toBe('1000000000000000000000');
		expect(normaliseText(-1.5e-7)).toBe('-0.00000015');
		expect(normaliseText(1.2345e22)).toBe('12345000000000000000000');
	});

	it('writes booleans and dates', () => {
		expect(normaliseText(true)).toBe('true');
		expect(normaliseText(false)).toBe('false');
		expect(normaliseText(new Date(Date.UTC(2025, 2, 7, 14, 5, 9)))).toBe('2025-03-07 14:05:09');
		expect(normaliseText(new Date(NaN))).toBeNull();
	});
});

describe('formatPlainNumber', () => {
	it('expands exponents', () => {
		expect(formatPlainNumber(1.5e300).length).toBe(301);
		expect(formatPlainNumber(2e-10)).toBe('0.0000000002');
		expect(formatPlainNumber(123.456)).toBe('123.456');
	});
});

describe('toHalfWidth', () => {
	it('folds full-width ASCII and the ideographic space', () => {
		expect(toHalfWidth('２０２５－０３－０７　１４：０５')).toBe('2025-03-07 14:05');
		expect(toHalfWidth('Ａ栋１２０１（东）')).toBe('A栋1201(东)');
		expect(toHalfWidth('！～')).toBe('!~');
	});

	it('returns the same string when there is nothing to fold', () => {
		const s = '2025-03-07 14:05 张三';
		expect(toHalfWidth(s)).toBe(s);
		expect(toHalfWidth('')).toBe('');
	});

	it('leaves other characters alone', () => {
		expect(toHalfWidth('￥１２、。')).toBe('￥12、。');
	});
});

describe('normaliseUnitCode', () => {
	it('trims, folds to half-width, upper-cases and removes inner spaces', () => {
		expect(normaliseUnitCode(' ａ栋 １２０１ ')).toBe('A栋1201');
		expect(normaliseUnitCode('3-2-1201b')).toBe('3-2-1201B');
		expect(normaliseUnitCode('B\u3000 1201')).toBe('B1201');
		expect(normaliseUnitCode(1201)).toBe('1201');
	});

	it('is null for empty cells', () => {
		expect(normaliseUnitCode('  ')).toBeNull();
		expect(normaliseUnitCode(null)).toBeNull();
	});
});

describe('normaliseLabel', () => {
	it('ignores case, spaces and ASCII punctuation', () => {
		expect(normaliseLabel('Received at')).toBe('receivedat');
		expect(normaliseLabel('received_at')).toBe('receivedat');
		expect(normaliseLabel('RECEIVED-AT')).toBe('receivedat');
		expect(normaliseLabel('Received At (UTC+8)')).toBe('receivedatutc+8');
		expect(normaliseLabel('\'phone\' / "mobile": [x.y]')).toBe('phonemobilexy');
	});

	it('folds full-width and removes CJK punctuation', () => {
		expect(normaliseLabel('Ｒｅｃｅｉｖｅｄ　ａｔ')).toBe('receivedat');
		expect(normaliseLabel('投诉时间（受理）')).toBe('投诉时间受理');
		expect(normaliseLabel('【紧急】')).toBe('紧急');
		expect(normaliseLabel('来电：热线、微信，小程序。')).toBe('来电热线微信小程序');
		expect(normaliseLabel('张·三／李－四＿王')).toBe('张三李四王');
		expect(normaliseLabel('“满意”「一般」')).toBe('满意一般');
	});

	it('returns plain keys unchanged', () => {
		expect(normaliseLabel('phone')).toBe('phone');
		expect(normaliseLabel('来电')).toBe('来电');
		expect(normaliseLabel('')).toBe('');
	});
});
