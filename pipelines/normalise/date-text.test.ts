import { describe, expect, it } from 'vitest';
import {
	NOT_A_REAL_DATE,
	NOT_A_REAL_TIME,
	OK,
	TWO_DIGIT_YEAR,
	UNRECOGNISED,
	WANT_DATE_TIME,
	WANT_MONTH,
	type DateTimeParts
} from './date-parts.ts';
import { readDateText } from './date-text.ts';

function read(s: string, want = WANT_DATE_TIME, dayFirst = false): [number, DateTimeParts] {
	const p: DateTimeParts = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
	return [readDateText(s, { dayFirst }, want, p), p];
}

describe('readDateText', () => {
	it('fills every part', () => {
		expect(read('2025年3月7日 下午2点5分9秒')).toEqual([
			OK,
			{ year: 2025, month: 3, day: 7, hour: 14, minute: 5, second: 9 }
		]);
		expect(read('7.3.2025 09:05', WANT_DATE_TIME, true)).toEqual([
			OK,
			{ year: 2025, month: 3, day: 7, hour: 9, minute: 5, second: 0 }
		]);
	});

	it('resets the time between cells', () => {
		read('2025-03-07 14:05:09');
		expect(read('2025/3/8')[1]).toEqual({ year: 2025, month: 3, day: 8, hour: 0, minute: 0, second: 0 });
	});

	it('forgets an offset seen in an earlier cell', () => {
		read('2025-03-07T14:05:09Z');
		expect(read('2025-03-07 14:05:09.5')[1].hour).toBe(14);
	});

	it('accepts month-only shapes only when a month is wanted', () => {
		expect(read('2025-03', WANT_MONTH)[0]).toBe(OK);
		expect(read('2025-03')[0]).toBe(UNRECOGNISED);
		expect(read('202503', WANT_MONTH)[0]).toBe(OK);
		expect(read('202503')[0]).toBe(UNRECOGNISED);
	});

	it('tells impossible values from unreadable ones', () => {
		expect(read('2025-02-29')[0]).toBe(NOT_A_REAL_DATE);
		expect(read('2025-03-07 23:60')[0]).toBe(NOT_A_REAL_TIME);
		expect(read('07-03-25')[0]).toBe(TWO_DIGIT_YEAR);
		expect(read('2025-03-07 2pm')[0]).toBe(UNRECOGNISED);
		expect(read('2025-03-07 14:05 +8:00')[0]).toBe(UNRECOGNISED);
		expect(read('123-03-07')[0]).toBe(UNRECOGNISED);
	});
});
