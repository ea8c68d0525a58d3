/**
 * Time in the demo is local wall-clock time (China has no DST) held as milliseconds in UTC fields, so
 * formatting and Excel serials never depend on the machine's time zone.
 */

export const MS_MINUTE = 60_000;
export const MS_HOUR = 3_600_000;
export const MS_DAY = 86_400_000;

/** First day of the data. */
export const DATA_START = Date.UTC(2023, 10, 1);
/** "Today" for the demo: the data's latest moment. A constant, so output never depends on the clock. */
export const DATA_END = Date.UTC(2026, 9, 31, 23, 59, 59);
/** The latest quarter, where the lift hotspot is planted. */
export const LATEST_QUARTER_START = Date.UTC(2026, 7, 1);

export interface MonthSlot {
	year: number;
	/** 0-based, as in Date. */
	month: number;
	start: number;
	days: number;
	/** 'YYYY-MM' */
	key: string;
}

export function listDataMonths(): MonthSlot[] {
	const months: MonthSlot[] = [];
	for (let year = 2023, month = 10; Date.UTC(year, month, 1) <= DATA_END; month++) {
		if (month === 12) {
			month = 0;
			year++;
		}
		const start = Date.UTC(year, month, 1);
		if (start > DATA_END) break;
		const days = Math.round((Date.UTC(year, month + 1, 1) - start) / MS_DAY);
		months.push({ year, month, start, days, key: `${year}-${pad2(month + 1)}` });
	}
	return months;
}

function pad2(value: number): string {
	return value < 10 ? `0${value}` : String(value);
}

/** `2025-03-07 14:05:00` */
export function formatIsoDateTime(ms: number): string {
	const d = new Date(ms);
	return (
		`${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ` +
		`${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`
	);
}

/** `2025/3/7 14:05`, as Excel's default Chinese short date-time writes it. */
export function formatSlashDateTime(ms: number): string {
	const d = new Date(ms);
	return (
		`${d.getUTCFullYear()}/${d.getUTCMonth() + 1}/${d.getUTCDate()} ` +
		`${d.getUTCHours()}:${pad2(d.getUTCMinutes())}`
	);
}

/** `2025-03-07` */
export function formatIsoDate(ms: number): string {
	const d = new Date(ms);
	return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/** `2025/3/7` */
export function formatSlashDate(ms: number): string {
	const d = new Date(ms);
	return `${d.getUTCFullYear()}/${d.getUTCMonth() + 1}/${d.getUTCDate()}`;
}

/** `20250307`, used inside record ids. */
export function formatCompactDate(ms: number): string {
	const d = new Date(ms);
	return `${d.getUTCFullYear()}${pad2(d.getUTCMonth() + 1)}${pad2(d.getUTCDate())}`;
}

export function getYear(ms: number): number {
	return new Date(ms).getUTCFullYear();
}

export function startOfDay(ms: number): number {
	return ms - (((ms % MS_DAY) + MS_DAY) % MS_DAY);
}

/** 0 = Sunday … 6 = Saturday. */
export function getWeekday(ms: number): number {
	return new Date(ms).getUTCDay();
}

/** Rounds to the whole minute, as the source systems record time. */
export function truncateToMinute(ms: number): number {
	return Math.floor(ms / MS_MINUTE) * MS_MINUTE;
}

/**
 * Staff close cases between 08:00 and 21:00. A moment outside that window moves into the next working
 * window ('forward', when lateness does not matter) or the previous one ('backward', so an on-time
 * resolution stays on time); `minuteOfWindow` (0–779) spreads the moved moments over the window.
 */
export function moveIntoWorkingHours(
	ms: number,
	direction: 'forward' | 'backward',
	minuteOfWindow: number
): number {
	const hour = new Date(ms).getUTCHours();
	if (hour >= 8 && hour < 21) return ms;
	const nextWindow = startOfDay(ms) + (hour >= 21 ? MS_DAY : 0) + 8 * MS_HOUR;
	const window = direction === 'forward' ? nextWindow : nextWindow - MS_DAY;
	return window + (minuteOfWindow % 780) * MS_MINUTE;
}

/**
 * A follow-up call `dayOffset` days after the day of `after`, between 09:00 and 20:00, moved a day on when
 * it would not be at least 30 minutes after `after`. Offsets 0–1 land within 48 h; 3 or more land after.
 */
export function scheduleFollowUp(after: number, dayOffset: number, minuteOfWindow: number): number {
	const at = startOfDay(after) + dayOffset * MS_DAY + 9 * MS_HOUR + (minuteOfWindow % (11 * 60)) * MS_MINUTE;
	return at > after + 30 * MS_MINUTE ? at : at + MS_DAY;
}
