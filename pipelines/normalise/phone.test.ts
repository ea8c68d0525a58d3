import { describe, expect, it } from 'vitest';
import type { CellValue } from '../readers/sheet-row.ts';
import { InvalidValue } from './invalid-value.ts';
import { maskPhone, normalisePhone } from './phone.ts';

describe('normalisePhone', () => {
	const cases: [CellValue, string][] = [
		['13800138000', '13800138000'],
		[' 13800138000 ', '13800138000'],
		['138 0013 8000', '13800138000'],
		['138-0013-8000', '138-0013-8000'],
		['138--0013-8000-', '138-0013-8000'],
		['+86 13800138000', '+8613800138000'],
		['+86 138-0013-8000', '+86-138-0013-8000'],
		['(010)1234-5678', '010-1234-5678'],
		['(010) 12345678', '01012345678'],
		['０１０－１２３４５６７８', '010-12345678'],
		['＋８６１３８００１３８０００', '+8613800138000'],
		['95511', '95511'],
		['110', '110'],
		[13800138000, '13800138000'],
		[8613800138000, '8613800138000']
	];
	it.each(cases)('%s → %s', (input, expected) => {
		expect(normalisePhone(input)).toBe(expected);
	});

	it('treats blank cells as empty', () => {
		expect(normalisePhone(null)).toBeNull();
		expect(normalisePhone('')).toBeNull();
		expect(normalisePhone(' \u3000')).toBeNull();
	});

	it('rejects letters and other marks', () => {
		const expected = 'is not a phone number; use digits only, like 13800138000';
		expect(normalisePhone('138abc')).toEqual(new InvalidValue(`"138abc" ${expected}`));
		expect(normalisePhone('010-12345678转123')).toEqual(new InvalidValue(`"010-12345678转123" ${expected}`));
		expect(normalisePhone('13800138000/13900139000')).toEqual(
			new InvalidValue(`"13800138000/13900139000" ${expected}`)
		);
		expect(normalisePhone('1+38')).toEqual(new InvalidValue(`"1+38" ${expected}`));
	});

	it('explains numbers lost to scientific notation', () => {
		expect(normalisePhone('1.38001E+10')).toEqual(
			new InvalidValue(
				'"1.38001E+10" lost its digits when Excel showed it in scientific notation; format the column as text and export again'
			)
		);
	});

	it('rejects numbers too short or too long', () => {
		expect(normalisePhone('12')).toEqual(new InvalidValue('"12" is too short to be a phone number'));
		expect(normalisePhone('--')).toEqual(new InvalidValue('"--" is too short to be a phone number'));
		expect(normalisePhone('1'.repeat(21))).toEqual(
			new InvalidValue(`"${'1'.repeat(21)}" is too long to be a phone number`)
		);
	});

	it('rejects typed cells that cannot be phone numbers', () => {
		expect(normalisePhone(1.5)).toEqual(new InvalidValue('1.5 is not a phone number'));
		expect(normalisePhone(-5)).toEqual(new InvalidValue('-5 is not a phone number'));
		expect(normalisePhone(true)).toEqual(new InvalidValue('true is not a phone number'));
	});
});

describe('maskPhone', () => {
	it('keeps the first 3 and last 4 digits of long numbers', () => {
		expect(maskPhone('13800138000')).toBe('138****8000');
		expect(maskPhone('138-0013-8000')).toBe('138-****-8000');
		expect(maskPhone('+8613800138000')).toBe('+861******8000');
		expect(maskPhone('0101234567')).toBe('010***4567');
	});

	it('keeps only the last 2 digits of short numbers', () => {
		expect(maskPhone('95511')).toBe('***11');
		expect(maskPhone('12345678')).toBe('******78');
		expect(maskPhone('12')).toBe('12');
		expect(maskPhone('')).toBe('');
	});
});
