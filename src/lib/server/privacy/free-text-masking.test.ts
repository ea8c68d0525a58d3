import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toHalfWidth } from '$pipelines/normalise/text.ts';
import { maskPersonalText } from './free-text-masking.ts';

const toFullWidth = (digits: string) =>
	digits.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));

describe('maskPersonalText', () => {
	it.each([
		['手机13800138000请回电', '手机138****8000请回电'],
		['电话 138 0013 8000', '电话 138 **** 8000'],
		['138-0013-8000', '138-****-8000'],
		['+86 138 0013 8000', '+86 138 **** 8000'],
		['+8613800138000', '+86138****8000'],
		['0086-13800138000', '0086-138****8000'],
		['013800138000', '0138****8000'],
		['１３８００１３８０００', '１３８****８０００']
	])('masks a mobile: %s', (text, masked) => {
		expect(maskPersonalText(text)).toBe(masked);
	});

	it.each([
		['物业电话010-12345678', '物业电话010-****5678'],
		['(0755)8888 9999', '(0755)**** 9999'],
		['02112345678', '021****5678'],
		['0571-8765432', '0571-****432'],
		['座机：87654321，找王先生', '座机：****4321，找王先生'],
		['tel 2345678', 'tel ****678']
	])('masks a landline: %s', (text, masked) => {
		expect(maskPersonalText(text)).toBe(masked);
	});

	it('masks e-mail addresses, ID cards and messaging ids', () => {
		expect(maskPersonalText('邮箱zhang.san@example.com有问题')).toBe('邮箱z********@example.com有问题');
		expect(maskPersonalText('ＺＨＡＮＧ＠ＱＱ．ＣＯＭ')).toBe('Ｚ****＠ＱＱ．ＣＯＭ');
		expect(maskPersonalText('身份证11010119900307123X号')).toBe('身份证110***********123X号');
		expect(maskPersonalText('身份证 110101 19900307 123x')).toBe('身份证 110*** ******** 123x');
		expect(maskPersonalText('加我微信zhangsan_88谢谢')).toBe('加我微信z**********谢谢');
		expect(maskPersonalText('QQ：12345678')).toBe('QQ：1*******');
	});

	it('masks a given name before an honorific or after a label, and keeps a surname with its honorific', () => {
		expect(maskPersonalText('王小明先生服务很好')).toBe('王**先生服务很好');
		expect(maskPersonalText('感谢王小明师傅')).toBe('感谢王**师傅');
		expect(maskPersonalText('李丽女士')).toBe('李*女士');
		expect(maskPersonalText('欧阳明华先生和欧阳明先生')).toBe('欧阳**先生和欧阳*先生');
		expect(maskPersonalText('联系人：王小明，请回电')).toBe('联系人：王**，请回电');
		for (const kept of [
			'王先生',
			'李女士',
			'张阿姨',
			'陈师傅',
			'刘经理',
			'谢谢王师傅',
			'感谢李师傅',
			'上周黄师傅来修过'
		])
			expect(maskPersonalText(kept)).toBe(kept);
	});

	it('leaves unit numbers, dates, times, amounts and service numbers alone', () => {
		const untouched = [
			'3栋2单元1502漏水',
			'1-1-101 和 A-2306',
			'2025年10月3日',
			'2025-10-03 14:05',
			'20251003',
			'¥1,234.50',
			'1234.5元',
			'物业费每月3.5元/平方米，一年12000元',
			'2.5万元',
			'400-800-1234',
			'报修后等了15天',
			'18栋1单元1801室'
		];
		for (const text of untouched) expect(maskPersonalText(text)).toBe(text);
	});

	it('never lets an 11-digit mobile through, wherever it sits in Chinese text', () => {
		const chineseText = fc.string({
			unit: fc.oneof(
				fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCharCode(c)),
				fc.constantFrom('，', '。', '：', '！', '（', '）', '、', '“', '”', ' ', '\n', 'a', 'Q', 'x')
			),
			maxLength: 30
		});
		const mobile = fc
			.tuple(
				fc.constantFrom(...'3456789'),
				fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 9 })
			)
			.map(([second, rest]) => `1${second}${rest.join('')}`);
		const written = fc.constantFrom<(m: string) => string>(
			(m) => m,
			(m) => `${m.slice(0, 3)} ${m.slice(3, 7)} ${m.slice(7)}`,
			(m) => `${m.slice(0, 3)}-${m.slice(3, 7)}-${m.slice(7)}`,
			(m) => `+86${m}`,
			(m) => `+86 ${m}`,
			(m) => `86${m}`,
			(m) => toFullWidth(m),
			(m) => toFullWidth(`${m.slice(0, 3)} ${m.slice(3, 7)} ${m.slice(7)}`)
		);
		fc.assert(
			fc.property(chineseText, mobile, written, chineseText, (before, number, write, after) => {
				const masked = maskPersonalText(before + write(number) + after);
				const digitsOnly = toHalfWidth(masked).replace(/[\s-]/g, '');
				expect(digitsOnly).not.toContain(number);
				expect(digitsOnly).toContain(`${number.slice(0, 3)}****${number.slice(7)}`);
				expect(masked.startsWith(before) && masked.endsWith(after)).toBe(true);
			}),
			{ numRuns: 500 }
		);
	});
});
