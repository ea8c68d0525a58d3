import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CellValue } from '../readers/sheet-row.ts';
import { InvalidValue } from './invalid-value.ts';
import { parseInteger, parseMoney, parseNumber, roundToCents } from './numbers.ts';

describe('parseMoney', () => {
	const cases: [CellValue, number][] = [
		['1234.5', 1234.5],
		['1234.50', 1234.5],
		['-12', -12],
		['0', 0],
		['1,234.50', 1234.5],
		['1,234,567', 1234567],
		['1，234.50', 1234.5],
		['¥1,234.50', 1234.5],
		['￥1234', 1234],
		['RMB 1,234', 1234],
		['cny100', 100],
		['100 CNY', 100],
		['1234元', 1234],
		['1 234.50', 1234.5],
		['(1,234.50)', -1234.5],
		['（1,234.50）', -1234.5],
		['-¥1,234.50', -1234.5],
		['¥-1,234.50', -1234.5],
		['+5', 5],
		['−5', -5],
		['1.2万', 12000],
		['1.2万元', 12000],
		['¥3万', 30000],
		['.5', 0.5],
		['１２３４．５６', 1234.56],
		['1.005', 1.01],
		['1.004', 1],
		['-1.005', -1.01],
		['2.675', 2.68],
		['0.125', 0.13],
		['1.23456万', 12345.6],
		[1.005, 1.01],
		[8.345, 8.35],
		[1234.5678, 1234.57],
		[-0.001, 0],
		[0.1 + 0.2, 0.3]
	];
	it.each(cases)('%s → %s', (input, expected) => {
		expect(parseMoney(input)).toBe(expected);
	});

	it('never returns negative zero', () => {
		expect(Object.is(parseMoney('-0.001'), 0)).toBe(true);
		expect(Object.is(parseMoney('-0'), 0)).toBe(true);
	});

	it('treats blank cells as empty', () => {
		expect(parseMoney(null)).toBeNull();
		expect(parseMoney('')).toBeNull();
		expect(parseMoney('  ')).toBeNull();
	});

	it.each([
		'abc',
		'1.2.3',
		'12元5角',
		'¥',
		'-',
		'1,23,456',
		'1234,567',
		'1,2345',
		'(12',
		'--5',
		'(-5)',
		'5-',
		'万',
		'1万万',
		'1元元',
		'¥¥5',
		'1e5'
	])('rejects %s', (input) => {
		expect(parseMoney(input)).toEqual(new InvalidValue(`"${input}" is not an amount of money`));
	});

	it('explains a decimal comma', () => {
		expect(parseMoney('12,50')).toEqual(
			new InvalidValue('"12,50" is not an amount of money; write decimals with a dot, like 1234.50')
		);
	});

	it('rejects values that are not amounts at all', () => {
		expect(parseMoney(true)).toEqual(new InvalidValue('true is not an amount of money'));
		expect(parseMoney(NaN)).toEqual(new InvalidValue('NaN is not an amount of money'));
	});
});

describe('roundToCents', () => {
	it('rounds half away from zero despite binary representation', () => {
		expect(roundToCents(1.005)).toBe(1.01);
		expect(roundToCents(1.015)).toBe(1.02);
		expect(roundToCents(-2.675)).toBe(-2.68);
		expect(roundToCents(12345678.905)).toBe(12345678.91);
		expect(roundToCents(1.0049999)).toBe(1);
	});
});

describe('parseInteger', () => {
	const cases: [CellValue, number][] = [
		['42', 42],
		['-7', -7],
		['+7', 7],
		['1,234', 1234],
		['１２３', 123],
		[' 5 ', 5],
		['3.0', 3],
		[12, 12],
		[2.9999999999999996, 3]
	];
	it.each(cases)('%s → %s', (input, expected) => {
		expect(parseInteger(input)).toBe(expected);
	});

	it('rejects fractions', () => {
		expect(parseInteger('1.5')).toEqual(new InvalidValue('"1.5" is not a whole number'));
		expect(parseInteger(2.5)).toEqual(new InvalidValue('2.5 is not a whole number'));
	});

	it('rejects text', () => {
		expect(parseInteger('abc')).toEqual(new InvalidValue('"abc" is not a number'));
		expect(parseInteger('¥5')).toEqual(new InvalidValue('"¥5" is not a number'));
		expect(parseInteger('1 234')).toEqual(new InvalidValue('"1 234" is not a number'));
		expect(parseInteger('99999999999999999999')).toEqual(
			new InvalidValue('"99999999999999999999" is too large')
		);
	});

	it('checks the range', () => {
		expect(parseInteger('3', { min: 1, max: 5 })).toBe(3);
		expect(parseInteger('1', { min: 1, max: 5 })).toBe(1);
		expect(parseInteger('5', { min: 1, max: 5 })).toBe(5);
		expect(parseInteger('6', { min: 1, max: 5 })).toEqual(
			new InvalidValue('"6" is out of range; expected a whole number from 1 to 5')
		);
		expect(parseInteger(0, { min: 1 })).toEqual(new InvalidValue('0 is too small; expected at least 1'));
		expect(parseInteger('101', { max: 100 })).toEqual(
			new InvalidValue('"101" is too large; expected at most 100')
		);
	});

	it('treats blank cells as empty', () => {
		expect(parseInteger(null)).toBeNull();
		expect(parseInteger(' ')).toBeNull();
	});
});

describe('parseNumber', () => {
	const cases: [CellValue, number][] = [
		['4.5', 4.5],
		['-0.25', -0.25],
		['1,234.5', 1234.5],
		['１２．５', 12.5],
		['.5', 0.5],
		[3.14, 3.14]
	];
	it.each(cases)('%s → %s', (input, expected) => {
		expect(parseNumber(input)).toBe(expected);
	});

	it('rejects text and explains decimal commas', () => {
		expect(parseNumber('4,5')).toEqual(
			new InvalidValue('"4,5" is not a number; write decimals with a dot, like 1234.5')
		);
		expect(parseNumber('4.5.6')).toEqual(new InvalidValue('"4.5.6" is not a number'));
		expect(parseNumber(Infinity)).toEqual(new InvalidValue('Infinity is not a number'));
		expect(parseNumber(false)).toEqual(new InvalidValue('false is not a number'));
	});

	it('checks the range', () => {
		expect(parseNumber('0.5', { min: 0, max: 1 })).toBe(0.5);
		expect(parseNumber('1.5', { min: 0, max: 1 })).toEqual(
			new InvalidValue('"1.5" is out of range; expected a number from 0 to 1')
		);
		expect(parseNumber(-0.1, { min: 0 })).toEqual(new InvalidValue('-0.1 is too small; expected at least 0'));
	});
});

describe('plain decimal fast path', () => {
	it('reads exactly what Number() reads', () => {
		const decimal = fc
			.tuple(
				fc.boolean(),
				fc.stringMatching(/^[0-9]{1,18}$/),
				fc.option(fc.stringMatching(/^[0-9]{1,8}$/), { nil: undefined })
			)
			.map(([negative, whole, fraction]) => (negative ? '-' : '') + whole + (fraction ? '.' + fraction : ''));
		fc.assert(
			fc.property(decimal, (s) => {
				expect(parseNumber(s)).toBe(Number(s) || 0);
			}),
			{ numRuns: 5000 }
		);
	});
});
