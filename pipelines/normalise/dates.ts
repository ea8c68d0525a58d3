import type { CellValue } from '../readers/sheet-row.ts';
import { formatDate, formatDateTime, isRealDate } from './calendar.ts';
import {
	EMPTY,
	EXCEL_FAKE_LEAP_DAY,
	NOT_A_REAL_DATE,
	NOT_A_REAL_TIME,
	OK,
	SERIAL_OUT_OF_RANGE,
	TIME_WITHOUT_DATE,
	TWO_DIGIT_YEAR,
	UNREADABLE_DATE_OBJECT,
	UNRECOGNISED,
	WANT_DATE,
	WANT_DATE_TIME,
	WANT_MONTH,
	type DateOptions,
	type DateTimeParts
} from './date-parts.ts';
import { readDateText } from './date-text.ts';
import { readDateCell, readExcelSerial } from './excel-dates.ts';
import { InvalidValue, quoteValue } from './invalid-value.ts';
import { toHalfWidth } from './text.ts';

export type { DateOptions } from './date-parts.ts';

const SPACE = 32;
const DASH = 45;
const COLON = 58;
const UPPER_T = 84;

const parts: DateTimeParts = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };

/** 'YYYY-MM-DD HH:MM:SS' wall-clock time; null for an empty cell. */
export function parseDateTime(v: CellValue, options?: DateOptions): string | null | InvalidValue {
	const p = parts;
	if (typeof v === 'string' && readCleanDateTime(v, p)) {
		if (v.length === 19 && v.charCodeAt(10) === SPACE) return v;
		return formatDateTime(p.year, p.month, p.day, p.hour, p.minute, p.second);
	}
	const outcome = readCell(v, options, WANT_DATE_TIME, p);
	if (outcome === OK) return formatDateTime(p.year, p.month, p.day, p.hour, p.minute, p.second);
	return outcome === EMPTY ? null : explainFailure(outcome, v, WANT_DATE_TIME);
}

/** 'YYYY-MM-DD'; a time of day in the cell is allowed and dropped. */
export function parseDate(v: CellValue, options?: DateOptions): string | null | InvalidValue {
	if (typeof v === 'string' && readCleanDateTime(v, parts)) return v.length === 10 ? v : v.slice(0, 10);
	const outcome = readCell(v, options, WANT_DATE, parts);
	if (outcome === OK) return formatDate(parts.year, parts.month, parts.day);
	return outcome === EMPTY ? null : explainFailure(outcome, v, WANT_DATE);
}

/** 'YYYY-MM-01' for billing periods; a day in the cell is allowed and dropped. */
export function parseMonth(v: CellValue, options?: DateOptions): string | null | InvalidValue {
	const outcome = readCell(v, options, WANT_MONTH, parts);
	if (outcome === OK) return formatDate(parts.year, parts.month, 1);
	return outcome === EMPTY ? null : explainFailure(outcome, v, WANT_MONTH);
}

function readCell(v: CellValue, options: DateOptions | undefined, want: number, p: DateTimeParts): number {
	if (v === null) return EMPTY;
	if (typeof v === 'string') {
		const text = toHalfWidth(v.trim());
		return text === '' ? EMPTY : readDateText(text, options, want, p);
	}
	if (typeof v === 'number') return readExcelSerial(v, options?.date1904 === true, p);
	if (typeof v === 'boolean') return UNRECOGNISED;
	return readDateCell(v, p);
}

function explainFailure(outcome: number, v: CellValue, want: number): InvalidValue {
	const shown = quoteValue(v);
	switch (outcome) {
		case NOT_A_REAL_DATE:
			return new InvalidValue(`${shown} is not a real date`);
		case NOT_A_REAL_TIME:
			return new InvalidValue(`${shown} is not a real time of day`);
		case TWO_DIGIT_YEAR:
			return new InvalidValue(`${shown} has a two-digit year; write the year in full, like 2025-03-07`);
		case SERIAL_OUT_OF_RANGE:
			return new InvalidValue(`${shown} is not a date Excel can show`);
		case TIME_WITHOUT_DATE:
			return new InvalidValue(`${shown} is a time of day without a date`);
		case EXCEL_FAKE_LEAP_DAY:
			return new InvalidValue(`${shown} is 1900-02-29 in Excel, which is not a real date`);
		case UNREADABLE_DATE_OBJECT:
			return new InvalidValue('the cell holds a date that could not be read');
	}
	if (want === WANT_MONTH) return new InvalidValue(`${shown} is not a month; expected a month like 2025-03`);
	if (want === WANT_DATE) return new InvalidValue(`${shown} is not a date; expected a date like 2025-03-07`);
	return new InvalidValue(`${shown} is not a date; expected a date like 2025-03-07 14:05`);
}

/** Two ASCII digits at i as a number, or -1. The caller guarantees i + 1 is inside the string. */
function readTwoDigits(s: string, i: number): number {
	const a = s.charCodeAt(i) - 48;
	const b = s.charCodeAt(i + 1) - 48;
	return a >>> 0 > 9 || b >>> 0 > 9 ? -1 : a * 10 + b;
}

/**
 * Fast path for the format our own exports and most systems write: YYYY-MM-DD, optionally followed by
 * ' ' or 'T' and HH:MM or HH:MM:SS. Anything else, including impossible values, goes the slow way.
 */
function readCleanDateTime(s: string, p: DateTimeParts): boolean {
	const n = s.length;
	if (n !== 19 && n !== 16 && n !== 10) return false;
	if (s.charCodeAt(4) !== DASH || s.charCodeAt(7) !== DASH) return false;
	const century = readTwoDigits(s, 0);
	const yy = readTwoDigits(s, 2);
	const mm = readTwoDigits(s, 5);
	const dd = readTwoDigits(s, 8);
	if ((century | yy | mm | dd) < 0) return false;
	let h = 0;
	let mi = 0;
	let sec = 0;
	if (n > 10) {
		const sep = s.charCodeAt(10);
		if ((sep !== SPACE && sep !== UPPER_T) || s.charCodeAt(13) !== COLON) return false;
		h = readTwoDigits(s, 11);
		mi = readTwoDigits(s, 14);
		if (n === 19) {
			if (s.charCodeAt(16) !== COLON) return false;
			sec = readTwoDigits(s, 17);
		}
		if ((h | mi | sec) < 0 || h > 23 || mi > 59 || sec > 59) return false;
	}
	const y = century * 100 + yy;
	if (!isRealDate(y, mm, dd)) return false;
	p.year = y;
	p.month = mm;
	p.day = dd;
	p.hour = h;
	p.minute = mi;
	p.second = sec;
	return true;
}
