/** Plain calendar arithmetic on integers, so the date normalisers never allocate Date objects. */

export interface CivilDate {
	year: number;
	month: number;
	day: number;
}

export function isLeapYear(year: number): boolean {
	return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const MONTH_DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function countDaysInMonth(year: number, month: number): number {
	return month === 2 && isLeapYear(year) ? 29 : MONTH_DAYS[month];
}

export function isRealDate(year: number, month: number, day: number): boolean {
	return (
		year >= 1000 &&
		year <= 9999 &&
		month >= 1 &&
		month <= 12 &&
		day >= 1 &&
		day <= countDaysInMonth(year, month)
	);
}

export function isRealTime(hour: number, minute: number, second: number): boolean {
	return hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 59;
}

// Howard Hinnant's days_from_civil / civil_from_days: exact for the proleptic Gregorian calendar.
/** Days since 1970-01-01 (negative before it). */
export function countDaysFromEpoch(year: number, month: number, day: number): number {
	const y = month <= 2 ? year - 1 : year;
	const era = Math.floor(y / 400);
	const yearOfEra = y - era * 400;
	const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
	const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
	return era * 146097 + dayOfEra - 719468;
}

/** Writes into `out` rather than returning a new object: this runs once per date cell. */
export function fillCivilDate(daysFromEpoch: number, out: CivilDate): void {
	const z = daysFromEpoch + 719468;
	const era = Math.floor(z / 146097);
	const dayOfEra = z - era * 146097;
	const yearOfEra = Math.floor(
		(dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) /
			365
	);
	const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
	const mp = Math.floor((5 * dayOfYear + 2) / 153);
	out.day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
	out.month = mp < 10 ? mp + 3 : mp - 9;
	out.year = yearOfEra + era * 400 + (out.month <= 2 ? 1 : 0);
}

const ZERO = 48;

function formatPaddedYear(year: number): string {
	return String(year).padStart(4, '0');
}

// One String.fromCharCode call builds the result flat in a single allocation; chained '+' builds a
// rope of ten pieces that is flattened again on first use, about three times slower per cell.
export function formatDate(year: number, month: number, day: number): string {
	if (year < 1000 || year > 9999) return formatPaddedYear(year) + formatDate(2000, month, day).slice(4);
	return String.fromCharCode(
		ZERO + Math.floor(year / 1000),
		ZERO + (Math.floor(year / 100) % 10),
		ZERO + (Math.floor(year / 10) % 10),
		ZERO + (year % 10),
		45,
		ZERO + Math.floor(month / 10),
		ZERO + (month % 10),
		45,
		ZERO + Math.floor(day / 10),
		ZERO + (day % 10)
	);
}

export function formatDateTime(
	year: number,
	month: number,
	day: number,
	hour: number,
	minute: number,
	second: number
): string {
	if (year < 1000 || year > 9999) {
		return formatPaddedYear(year) + formatDateTime(2000, month, day, hour, minute, second).slice(4);
	}
	return String.fromCharCode(
		ZERO + Math.floor(year / 1000),
		ZERO + (Math.floor(year / 100) % 10),
		ZERO + (Math.floor(year / 10) % 10),
		ZERO + (year % 10),
		45,
		ZERO + Math.floor(month / 10),
		ZERO + (month % 10),
		45,
		ZERO + Math.floor(day / 10),
		ZERO + (day % 10),
		32,
		ZERO + Math.floor(hour / 10),
		ZERO + (hour % 10),
		58,
		ZERO + Math.floor(minute / 10),
		ZERO + (minute % 10),
		58,
		ZERO + Math.floor(second / 10),
		ZERO + (second % 10)
	);
}
