import { describe, expect, it } from 'vitest';
import { parseBoolean } from './booleans.ts';
import { InvalidValue } from './invalid-value.ts';

describe('parseBoolean', () => {
	it.each([
		'是',
		'有',
		'对',
		'√',
		'✓',
		'Y',
		'y',
		'yes',
		'YES',
		'True',
		'true',
		'1',
		'T',
		't',
		'已',
		'已转',
		'已验收'
	])('%s → true', (input) => {
		expect(parseBoolean(input)).toBe(true);
	});

	it.each([
		'否',
		'无',
		'不',
		'×',
		'✗',
		'N',
		'n',
		'no',
		'No',
		'FALSE',
		'false',
		'0',
		'F',
		'未',
		'未转',
		'未验收'
	])('%s → false', (input) => {
		expect(parseBoolean(input)).toBe(false);
	});

	it('trims and folds full-width input', () => {
		expect(parseBoolean('  是 ')).toBe(true);
		expect(parseBoolean('Ｙｅｓ')).toBe(true);
		expect(parseBoolean('\u3000０')).toBe(false);
	});

	it('passes typed cells through', () => {
		expect(parseBoolean(true)).toBe(true);
		expect(parseBoolean(false)).toBe(false);
		expect(parseBoolean(1)).toBe(true);
		expect(parseBoolean(0)).toBe(false);
	});

	it('treats blank cells as empty', () => {
		expect(parseBoolean(null)).toBeNull();
		expect(parseBoolean('')).toBeNull();
		expect(parseBoolean('   ')).toBeNull();
	});

	it('lists the accepted words for anything else', () => {
		const expected = 'is not yes or no; expected 是/否, Y/N, yes/no or 1/0';
		expect(parseBoolean('maybe')).toEqual(new InvalidValue(`"maybe" ${expected}`));
		expect(parseBoolean('是的吧')).toEqual(new InvalidValue(`"是的吧" ${expected}`));
		expect(parseBoolean(2)).toEqual(new InvalidValue(`2 ${expected}`));
		expect(parseBoolean(new Date(Date.UTC(2025, 2, 7)))).toEqual(
			new InvalidValue(`"2025-03-07 00:00:00" ${expected}`)
		);
	});
});
