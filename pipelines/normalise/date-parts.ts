import type { CivilDate } from './calendar.ts';

/** Shared vocabulary of the date normalisers (dates.ts, date-text.ts, excel-dates.ts). */

export interface DateOptions {
	/** The workbook uses the 1904 date system (old Mac Excel): serial 0 is 1904-01-01. */
	date1904?: boolean;
	/** Read an ambiguous 3/7/2025 as 3 July rather than 7 March. */
	dayFirst?: boolean;
	/** Timestamps carrying Z or ±hh:mm are shifted to this offset; China Standard Time by default. */
	utcOffsetMinutes?: number;
}

export const DEFAULT_UTC_OFFSET_MINUTES = 480;

/** Filled in place by the readers: one object serves every cell, so a million cells allocate nothing. */
export interface DateTimeParts extends CivilDate {
	hour: number;
	minute: number;
	second: number;
}

// Outcomes of reading a cell; on OK the parts hold the value.
export const OK = 0;
export const EMPTY = 1;
export const UNRECOGNISED = 2;
export const NOT_A_REAL_DATE = 3;
export const NOT_A_REAL_TIME = 4;
export const TWO_DIGIT_YEAR = 5;
export const SERIAL_OUT_OF_RANGE = 6;
export const TIME_WITHOUT_DATE = 7;
export const EXCEL_FAKE_LEAP_DAY = 8;
export const UNREADABLE_DATE_OBJECT = 9;

// What the caller wants back; decides which shapes are accepted and how failures are worded.
export const WANT_DATE_TIME = 0;
export const WANT_DATE = 1;
export const WANT_MONTH = 2;
