import { countDaysFromEpoch, fillCivilDate, isRealDate, isRealTime } from './calendar.ts';
import {
	DEFAULT_UTC_OFFSET_MINUTES,
	NOT_A_REAL_DATE,
	NOT_A_REAL_TIME,
	OK,
	TWO_DIGIT_YEAR,
	UNRECOGNISED,
	WANT_MONTH,
	type DateOptions,
	type DateTimeParts
} from './date-parts.ts';
import { readExcelSerial } from './excel-dates.ts';

/**
 * The general reader for dates typed as text: 2025/3/7, 2025年3月7日 下午2点5分, 3/7/2025 2:05 PM,
 * 2025-03-07T14:05:09+08:00 and friends. Input is trimmed and already half-width.
 */

const SPACE = 32;
const PLUS = 43;
const DASH = 45;
const DOT = 46;
const SLASH = 47;
const COLON = 58;
const UPPER_T = 84;
const LOWER_T = 116;
const UPPER_Z = 90;
const LOWER_Z = 122;
const NIAN = 0x5e74; // 年
const YUE = 0x6708; // 月
const RI = 0x65e5; // 日
const HAO = 0x53f7; // 号
const SHI = 0x65f6; // 时
const DIAN = 0x70b9; // 点
const FEN = 0x5206; // 分
const MIAO = 0x79d2; // 秒
const SHANG = 0x4e0a; // 上
const XIA = 0x4e0b; // 下
const WU = 0x5348; // 午
const AM = 1;
const PM = 2;

// Scanner state, kept at module level rather than in a per-call object.
let cursor = 0;
let digitCount = 0;
let hasOffset = false;
let offsetMinutes = 0;

export function readDateText(
	s: string,
	options: DateOptions | undefined,
	want: number,
	p: DateTimeParts
): number {
	cursor = 0;
	hasOffset = false;
	p.hour = 0;
	p.minute = 0;
	p.second = 0;
	const n = s.length;
	const first = readNumber(s);
	const firstDigits = digitCount;
	if (firstDigits === 0) return UNRECOGNISED;
	if (cursor === n) return readDigitsOnly(first, firstDigits, options, want, p);
	const sep = s.charCodeAt(cursor);
	if (sep === DOT && firstDigits === 5) return readSerialText(s, options, p);
	let dateEndsInHanzi = false;
	if (firstDigits === 4) {
		p.year = first;
		const chinese = sep === NIAN;
		if (!chinese && sep !== DASH && sep !== SLASH && sep !== DOT) return UNRECOGNISED;
		cursor++;
		p.month = readNumber(s);
		if (digitCount === 0 || digitCount > 2) return UNRECOGNISED;
		if (chinese) {
			if (s.charCodeAt(cursor) !== YUE) return UNRECOGNISED;
			cursor++;
		}
		if (cursor === n && want === WANT_MONTH) return checkMonth(p.year, p.month, p);
		if (!chinese) {
			if (s.charCodeAt(cursor) !== sep) return UNRECOGNISED;
			cursor++;
		}
		p.day = readNumber(s);
		if (digitCount === 0 || digitCount > 2) return UNRECOGNISED;
		if (chinese) {
			const suffix = s.charCodeAt(cursor);
			if (suffix === RI || suffix === HAO) cursor++;
			dateEndsInHanzi = true;
		}
	} else if (firstDigits <= 2) {
		if (sep === NIAN) return TWO_DIGIT_YEAR;
		if (sep !== DASH && sep !== SLASH && sep !== DOT) return UNRECOGNISED;
		cursor++;
		const middle = readNumber(s);
		if (digitCount === 4 && cursor === n && want === WANT_MONTH) return checkMonth(middle, first, p);
		if (digitCount === 0 || digitCount > 2 || s.charCodeAt(cursor) !== sep) return UNRECOGNISED;
		cursor++;
		p.year = readNumber(s);
		if (digitCount === 1 || digitCount === 2) return TWO_DIGIT_YEAR;
		if (digitCount !== 4) return UNRECOGNISED;
		assignMonthAndDay(first, middle, options?.dayFirst === true, p);
	} else {
		return UNRECOGNISED;
	}
	if (cursor < n) {
		const outcome = readTime(s, dateEndsInHanzi, p);
		if (outcome !== OK) return outcome;
	}
	if (!isRealDate(p.year, p.month, p.day)) return NOT_A_REAL_DATE;
	if (!isRealTime(p.hour, p.minute, p.second)) return NOT_A_REAL_TIME;
	return hasOffset ? shiftToLocalTime(options, p) : OK;
}

function checkMonth(year: number, month: number, p: DateTimeParts): number {
	p.year = year;
	p.month = month;
	p.day = 1;
	return isRealDate(year, month, 1) ? OK : NOT_A_REAL_DATE;
}

/** 3/7/2025 is 7 March unless the site writes days first; a first number over 12 can only be a day. */
function assignMonthAndDay(first: number, second: number, dayFirst: boolean, p: DateTimeParts): void {
	const firstIsDay = first > 12 || (dayFirst && second <= 12);
	p.day = firstIsDay ? first : second;
	p.month = firstIsDay ? second : first;
}

/** Reads ASCII digits at the cursor; digitCount tells how many (0 when there were none). */
function readNumber(s: string): number {
	let value = 0;
	const start = cursor;
	const n = s.length;
	while (cursor < n) {
		const d = s.charCodeAt(cursor) - 48;
		if (d >>> 0 > 9) break;
		value = value * 10 + d;
		cursor++;
	}
	digitCount = cursor - start;
	return value;
}

/** Moves the cursor past ASCII digits and says how many there were. */
function skipDigits(s: string): number {
	const start = cursor;
	while (isDigit(s.charCodeAt(cursor))) cursor++;
	return cursor - start;
}

function isDigit(c: number): boolean {
	return c >= 48 && c <= 57;
}

function skipSpaces(s: string): void {
	while (s.charCodeAt(cursor) === SPACE) cursor++;
}

/** 20250307, 20250307140509, 202503 (months only) and 5-digit Excel serials. */
function readDigitsOnly(
	value: number,
	digits: number,
	options: DateOptions | undefined,
	want: number,
	p: DateTimeParts
): number {
	if (digits === 5) return readExcelSerial(value, options?.date1904 === true, p);
	if (digits === 6 && want === WANT_MONTH) return checkMonth(Math.floor(value / 100), value % 100, p);
	if (digits === 8) {
		p.year = Math.floor(value / 10000);
		p.month = Math.floor(value / 100) % 100;
		p.day = value % 100;
		return isRealDate(p.year, p.month, p.day) ? OK : NOT_A_REAL_DATE;
	}
	if (digits === 14) {
		p.year = Math.floor(value / 1e10);
		p.month = Math.floor(value / 1e8) % 100;
		p.day = Math.floor(value / 1e6) % 100;
		p.hour = Math.floor(value / 1e4) % 100;
		p.minute = Math.floor(value / 100) % 100;
		p.second = value % 100;
		if (!isRealDate(p.year, p.month, p.day)) return NOT_A_REAL_DATE;
		return isRealTime(p.hour, p.minute, p.second) ? OK : NOT_A_REAL_TIME;
	}
	return UNRECOGNISED;
}

/** '45723.5' in a CSV is an Excel serial that lost its cell type on export. */
function readSerialText(s: string, options: DateOptions | undefined, p: DateTimeParts): number {
	cursor++;
	if (skipDigits(s) === 0 || cursor !== s.length) return UNRECOGNISED;
	return readExcelSerial(Number(s), options?.date1904 === true, p);
}

function readTime(s: string, dateEndsInHanzi: boolean, p: DateTimeParts): number {
	const c = s.charCodeAt(cursor);
	if (c === UPPER_T || c === LOWER_T) cursor++;
	else if (c === SPACE) skipSpaces(s);
	else if (!dateEndsInHanzi) return UNRECOGNISED;
	let meridiem = readMeridiem(s);
	p.hour = readNumber(s);
	if (digitCount === 0 || digitCount > 2) return UNRECOGNISED;
	const unit = s.charCodeAt(cursor);
	if (unit === COLON) {
		cursor++;
		p.minute = readNumber(s);
		if (digitCount !== 2) return UNRECOGNISED;
		if (s.charCodeAt(cursor) === COLON) {
			cursor++;
			p.second = readNumber(s);
			if (digitCount !== 2) return UNRECOGNISED;
			// Sub-second precision means nothing for service tickets; it is dropped, not rounded.
			if (s.charCodeAt(cursor) === DOT) {
				cursor++;
				if (skipDigits(s) === 0) return UNRECOGNISED;
			}
		}
	} else if (unit === SHI || unit === DIAN) {
		cursor++;
		if (isDigit(s.charCodeAt(cursor))) {
			p.minute = readNumber(s);
			if (digitCount > 2 || s.charCodeAt(cursor) !== FEN) return UNRECOGNISED;
			cursor++;
			if (isDigit(s.charCodeAt(cursor))) {
				p.second = readNumber(s);
				if (digitCount > 2 || s.charCodeAt(cursor) !== MIAO) return UNRECOGNISED;
				cursor++;
			}
		}
	} else {
		return UNRECOGNISED;
	}
	skipSpaces(s);
	if (meridiem === 0) meridiem = readMeridiem(s);
	if (cursor < s.length && !readOffset(s)) return UNRECOGNISED;
	if (cursor !== s.length) return UNRECOGNISED;
	return meridiem === 0 ? OK : applyMeridiem(meridiem, p);
}

/** Reads AM/PM (also a.m./p.m.) or 上午/下午 at the cursor and any spaces after it. */
function readMeridiem(s: string): number {
	const c = s.charCodeAt(cursor);
	let found = 0;
	if ((c === SHANG || c === XIA) && s.charCodeAt(cursor + 1) === WU) {
		found = c === SHANG ? AM : PM;
		cursor += 2;
	} else if (c === 65 || c === 97 || c === 80 || c === 112) {
		let i = cursor + 1;
		if (s.charCodeAt(i) === DOT) i++;
		const m = s.charCodeAt(i);
		if (m !== 77 && m !== 109) return 0;
		i++;
		if (s.charCodeAt(i) === DOT) i++;
		found = c === 65 || c === 97 ? AM : PM;
		cursor = i;
	} else {
		return 0;
	}
	skipSpaces(s);
	return found;
}

/** 12 AM is midnight and 12 PM is noon; "下午 14:00" is redundant but not wrong. */
function applyMeridiem(meridiem: number, p: DateTimeParts): number {
	if (meridiem === AM) {
		if (p.hour > 12) return NOT_A_REAL_TIME;
		if (p.hour === 12) p.hour = 0;
	} else if (p.hour === 0) {
		return NOT_A_REAL_TIME;
	} else if (p.hour < 12) {
		p.hour += 12;
	}
	return OK;
}

/** Z, ±hh:mm, ±hhmm or ±hh at the cursor. */
function readOffset(s: string): boolean {
	const c = s.charCodeAt(cursor);
	if (c === UPPER_Z || c === LOWER_Z) {
		cursor++;
		hasOffset = true;
		offsetMinutes = 0;
		return true;
	}
	if (c !== PLUS && c !== DASH) return false;
	cursor++;
	let hh = readNumber(s);
	let mm = 0;
	if (digitCount === 4) {
		mm = hh % 100;
		hh = Math.floor(hh / 100);
	} else if (digitCount !== 2) {
		return false;
	} else if (s.charCodeAt(cursor) === COLON) {
		cursor++;
		mm = readNumber(s);
		if (digitCount !== 2) return false;
	}
	if (hh > 14 || mm > 59) return false;
	hasOffset = true;
	offsetMinutes = (c === DASH ? -1 : 1) * (hh * 60 + mm);
	return true;
}

/** Moves a timestamp written at another offset to the site's wall clock, across midnight if need be. */
function shiftToLocalTime(options: DateOptions | undefined, p: DateTimeParts): number {
	const target = options?.utcOffsetMinutes ?? DEFAULT_UTC_OFFSET_MINUTES;
	const minutes = p.hour * 60 + p.minute + target - offsetMinutes;
	const dayShift = Math.floor(minutes / 1440);
	const minuteOfDay = minutes - dayShift * 1440;
	if (dayShift !== 0) fillCivilDate(countDaysFromEpoch(p.year, p.month, p.day) + dayShift, p);
	p.hour = Math.floor(minuteOfDay / 60);
	p.minute = minuteOfDay % 60;
	return isRealDate(p.year, p.month, p.day) ? OK : NOT_A_REAL_DATE;
}
