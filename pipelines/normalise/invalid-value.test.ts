import { describe, expect, it } from 'vitest';
import { InvalidValue, isInvalid, quoteValue } from './invalid-value.ts';

describe('InvalidValue', () => {
	it('carries its reason', () => {
		expect(new InvalidValue('"x" is not a date').reason).toBe('"x" is not a date');
	});

	it('is recognised by isInvalid and nothing else is', () => {
		expect(isInvalid(new InvalidValue('no'))).toBe(true);
		expect(isInvalid({ reason: 'looks alike' })).toBe(false);
		expect(isInvalid(null)).toBe(false);
		expect(isInvalid('2025-03-07')).toBe(false);
		expect(isInvalid(0)).toBe(false);
	});
});

describe('quoteValue', () => {
	it('quotes text as typed, trimmed', () => {
		expect(quoteValue('  abc ')).toBe('"abc"');
		expect(quoteValue('紧急x')).toBe('"紧急x"');
	});

	it('shows numbers and booleans bare', () => {
		expect(quoteValue(45723.5)).toBe('45723.5');
		expect(quoteValue(13800138000)).toBe('13800138000');
		expect(quoteValue(true)).toBe('true');
	});

	it('shows dates in the sheet format', () => {
		expect(quoteValue(new Date(Date.UTC(2025, 2, 7, 14, 5, 9)))).toBe('"2025-03-07 14:05:09"');
		expect(quoteValue(new Date(NaN))).toBe('an unreadable date');
	});

	it('names empty cells', () => {
		expect(quoteValue(null)).toBe('an empty cell');
		expect(quoteValue('   ')).toBe('an empty cell');
	});

	it('shortens long text', () => {
		const shown = quoteValue('x'.repeat(100));
		expect(shown).toBe('"' + 'x'.repeat(39) + '…"');
	});
});
