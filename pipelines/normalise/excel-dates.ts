import { fillCivilDate } from './calendar.ts';
import {
	EXCEL_FAKE_LEAP_DAY,
	OK,
	SERIAL_OUT_OF_RANGE,
	TIME_WITHOUT_DATE,
	UNREADABLE_DATE_OBJECT,
	type DateTimeParts
} from './date-parts.ts';

/** Dates as XLSX delivers them: serial day numbers, or Date objects whose UTC fields are the wall clock. */

// Excel's 1900 system counts 1900-02-29 (serial 60), a day that never existed.
const FAKE_LEAP_SERIAL = 60;
const EPOCH_1900_DAYS = -25568; // serial 0 = 1899-12-31, for serials before the fake leap day
const EPOCH_1900_DAYS_AFTER_LEAP = -25569; // serial 0 = 1899-12-30, for serials after it
const EPOCH_1904_DAYS = -24107; // serial 0 = 1904-01-01
const MAX_1900_SERIAL = 2958465; // 9999-12-31
const MAX_1904_SERIAL = 2957003;
const SECONDS_PER_DAY = 86400;

/** Whole days plus a fraction of a day; the time is rounded to the nearest second. */
export function readExcelSerial(serial: number, date1904: boolean, parts: DateTimeParts): number {
	if (!(serial >= 0) || serial === Infinity) return SERIAL_OUT_OF_RANGE;
	const totalSeconds = Math.round(serial * SECONDS_PER_DAY);
	const dayNumber = Math.floor(totalSeconds / SECONDS_PER_DAY);
	if (date1904) {
		if (dayNumber > MAX_1904_SERIAL) return SERIAL_OUT_OF_RANGE;
		return splitSeconds(totalSeconds, EPOCH_1904_DAYS, parts);
	}
	if (dayNumber === 0) return totalSeconds === 0 ? SERIAL_OUT_OF_RANGE : TIME_WITHOUT_DATE;
	if (dayNumber > MAX_1900_SERIAL) return SERIAL_OUT_OF_RANGE;
	if (dayNumber === FAKE_LEAP_SERIAL) return EXCEL_FAKE_LEAP_DAY;
	const epoch = dayNumber < FAKE_LEAP_SERIAL ? EPOCH_1900_DAYS : EPOCH_1900_DAYS_AFTER_LEAP;
	return splitSeconds(totalSeconds, epoch, parts);
}

export function readDateCell(v: Date, parts: DateTimeParts): number {
	const t = v.getTime();
	if (Number.isNaN(t)) return UNREADABLE_DATE_OBJECT;
	// Excel stores times as fractions of a day, so readers hand over values like 14:04:59.9996.
	const outcome = splitSeconds(Math.round(t / 1000), 0, parts);
	// A time-only cell arrives on Excel's day zero, 1899-12-30 (or 1899-12-31 via serial 0).
	if (outcome === OK && parts.year === 1899 && parts.month === 12 && parts.day >= 30)
		return TIME_WITHOUT_DATE;
	return outcome;
}

/** Fills the parts from whole seconds counted from a day that is `epochDays` after 1970-01-01. */
function splitSeconds(totalSeconds: number, epochDays: number, parts: DateTimeParts): number {
	const days = Math.floor(totalSeconds / SECONDS_PER_DAY);
	const secondOfDay = totalSeconds - days * SECONDS_PER_DAY;
	fillCivilDate(days + epochDays, parts);
	if (parts.year < 1000 || parts.year > 9999) return SERIAL_OUT_OF_RANGE;
	parts.hour = Math.floor(secondOfDay / 3600);
	parts.minute = Math.floor(secondOfDay / 60) % 60;
	parts.second = secondOfDay % 60;
	return OK;
}
