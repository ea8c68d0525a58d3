import { describe, expect, it } from 'vitest';
import {
	countDaysFromEpoch,
	countDaysInMonth,
	fillCivilDate,
	formatDate,
	formatDateTime,
	isLeapYear,
	isRealDate,
	isRealTime,
	type CivilDate
} from './calendar.ts';

describe('calendar', () => {
	it('knows leap years', () => {
		expect(isLeapYear(2024)).toBe(true);
		expect(isLeapYear(2025)).toBe(false);
		expect(isLeapYear(1900)).toBe(false);
		expect(isLeapYear(2000)).toBe(true);
	});

	it('counts days in months', () => {
		expect(countDaysInMonth(2024, 2)).toBe(29);
		expect(countDaysInMonth(2025, 2)).toBe(28);
		expect(countDaysInMonth(2025, 4)).toBe(30);
		expect(countDaysInMonth(2025, 12)).toBe(31);
	});

	it('checks real dates and times', () => {
		expect(isRealDate(2024, 2, 29)).toBe(true);
		expect(isRealDate(2025, 2, 29)).toBe(false);
		expect(isRealDate(2025, 13, 1)).toBe(false);
		expect(isRealDate(2025, 0, 1)).toBe(false);
		expect(isRealDate(999, 1, 1)).toBe(false);
		expect(isRealTime(23, 59, 59)).toBe(true);
		expect(isRealTime(24, 0, 0)).toBe(false);
		expect(isRealTime(12, 60, 0)).toBe(false);
	});

	it('counts days from 1970-01-01 both ways', () => {
		expect(countDaysFromEpoch(1970, 1, 1)).toBe(0);
		expect(countDaysFromEpoch(2025, 3, 7)).toBe(Date.UTC(2025, 2, 7) / 86400000);
		expect(countDaysFromEpoch(1899, 12, 30)).toBe(-25569);
		const out: CivilDate = { year: 0, month: 0, day: 0 };
		for (const days of [-25569, -1, 0, 19058, 20154, 2932896]) {
			fillCivilDate(days, out);
			const d = new Date(days * 86400000);
			expect(out).toEqual({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
		}
	});

	it('formats with zero padding', () => {
		expect(formatDate(2025, 3, 7)).toBe('2025-03-07');
		expect(formatDateTime(2025, 3, 7, 4, 5, 9)).toBe('2025-03-07 04:05:09');
		expect(formatDateTime(9999, 12, 31, 23, 59, 59)).toBe('9999-12-31 23:59:59');
		expect(formatDate(1000, 1, 1)).toBe('1000-01-01');
		expect(formatDate(33, 2, 28)).toBe('0033-02-28');
		expect(formatDateTime(999, 10, 1, 12, 0, 0)).toBe('0999-10-01 12:00:00');
	});
});
