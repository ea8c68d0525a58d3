import { describe, expect, it } from 'vitest';
import {
	EXCEL_FAKE_LEAP_DAY,
	OK,
	SERIAL_OUT_OF_RANGE,
	TIME_WITHOUT_DATE,
	UNREADABLE_DATE_OBJECT,
	type DateTimeParts
} from './date-parts.ts';
import { readDateCell, readExcelSerial } from './excel-dates.ts';

function createParts(): DateTimeParts {
	return { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
}

describe('readExcelSerial', () => {
	it('fills the parts for the 1900 system around the fake leap day', () => {
		const p = createParts();
		expect(readExcelSerial(59.75, false, p)).toBe(OK);
		expect(p).toEqual({ year: 1900, month: 2, day: 28, hour: 18, minute: 0, second: 0 });
		expect(readExcelSerial(60, false, p)).toBe(EXCEL_FAKE_LEAP_DAY);
		expect(readExcelSerial(61, false, p)).toBe(OK);
		expect(p).toEqual({ year: 1900, month: 3, day: 1, hour: 0, minute: 0, second: 0 });
	});

	it('rounds the time to the nearest second, carrying into the next day', () => {
		const p = createParts();
		expect(readExcelSerial(45723 + 50709.4 / 86400, false, p)).toBe(OK);
		expect(p).toEqual({ year: 2025, month: 3, day: 7, hour: 14, minute: 5, second: 9 });
		expect(readExcelSerial(45723.999999, false, p)).toBe(OK);
		expect(p).toEqual({ year: 2025, month: 3, day: 8, hour: 0, minute: 0, second: 0 });
	});

	it('counts the 1904 system from 1904-01-01', () => {
		const p = createParts();
		expect(readExcelSerial(0, true, p)).toBe(OK);
		expect(p).toEqual({ year: 1904, month: 1, day: 1, hour: 0, minute: 0, second: 0 });
		expect(readExcelSerial(2957003, true, p)).toBe(OK);
		expect(p.year).toBe(9999);
		expect(readExcelSerial(2957004, true, p)).toBe(SERIAL_OUT_OF_RANGE);
	});

	it('separates bare times from nonsense', () => {
		const p = createParts();
		expect(readExcelSerial(0.25, false, p)).toBe(TIME_WITHOUT_DATE);
		expect(readExcelSerial(0, false, p)).toBe(SERIAL_OUT_OF_RANGE);
		expect(readExcelSerial(-0.5, false, p)).toBe(SERIAL_OUT_OF_RANGE);
		expect(readExcelSerial(2958465.9999999, false, p)).toBe(SERIAL_OUT_OF_RANGE);
	});
});

describe('readDateCell', () => {
	it('reads the UTC fields as the wall clock', () => {
		const p = createParts();
		expect(readDateCell(new Date(Date.UTC(2024, 1, 29, 23, 59, 59, 499)), p)).toBe(OK);
		expect(p).toEqual({ year: 2024, month: 2, day: 29, hour: 23, minute: 59, second: 59 });
	});

	it('flags unreadable dates and time-only cells', () => {
		const p = createParts();
		expect(readDateCell(new Date(NaN), p)).toBe(UNREADABLE_DATE_OBJECT);
		expect(readDateCell(new Date(Date.UTC(1899, 11, 30, 9, 30)), p)).toBe(TIME_WITHOUT_DATE);
		expect(readDateCell(new Date(Date.UTC(1899, 11, 31, 9, 30)), p)).toBe(TIME_WITHOUT_DATE);
	});
});
