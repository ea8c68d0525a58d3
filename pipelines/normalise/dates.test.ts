import { describe, expect, it } from 'vitest';
import type { CellValue } from '../readers/sheet-row.ts';
import { parseDate, parseDateTime, parseMonth } from './dates.ts';
import { InvalidValue } from './invalid-value.ts';

function readReason(result: unknown): string {
	expect(result).toBeInstanceOf(InvalidValue);
	return (result as InvalidValue).reason;
}

describe('parseDateTime: text', () => {
	const cases: [string, string][] = [
		['2025-03-07 14:05:09', '2025-03-07 14:05:09'],
		['2025-03-07', '2025-03-07 00:00:00'],
		['2025-03-07 14:05', '2025-03-07 14:05:00'],
		['2025-03-07T14:05:09', '2025-03-07 14:05:09'],
		['2025-03-07T14:05', '2025-03-07 14:05:00'],
		['2025-03-07 14:05:09.123', '2025-03-07 14:05:09'],
		['2025-03-07 14:05:09.999', '2025-03-07 14:05:09'],
		['2025/3/7 14:05', '2025-03-07 14:05:00'],
		['2025/03/07', '2025-03-07 00:00:00'],
		['2025.3.7', '2025-03-07 00:00:00'],
		['2025-3-7 9:05', '2025-03-07 09:05:00'],
		['2025年3月7日', '2025-03-07 00:00:00'],
		['2025年3月7号', '2025-03-07 00:00:00'],
		['2025年3月7日 14:05', '2025-03-07 14:05:00'],
		['2025年3月7日14时05分', '2025-03-07 14:05:00'],
		['2025年3月7日14时05分09秒', '2025-03-07 14:05:09'],
		['2025年3月7日 14点5分', '2025-03-07 14:05:00'],
		['2025年3月7日 14点', '2025-03-07 14:00:00'],
		['20250307', '2025-03-07 00:00:00'],
		['20250307140509', '2025-03-07 14:05:09'],
		['  2025-03-07 14:05:09  ', '2025-03-07 14:05:09'],
		['2025-03-07   14:05', '2025-03-07 14:05:00']
	];
	it.each(cases)('%s → %s', (input, expected) => {
		expect(parseDateTime(input)).toBe(expected);
	});

	it('returns the clean format as the same string', () => {
		const s = '2025-03-07 14:05:09';
		expect(parseDateTime(s)).toBe(s);
	});

	it('reads full-width digits and colons', () => {
		expect(parseDateTime('２０２５－０３－０７　１４：０５')).toBe('2025-03-07 14:05:00');
		expect(parseDateTime('２０２５年３月７日')).toBe('2025-03-07 00:00:00');
	});
});

describe('parseDateTime: month/day order', () => {
	it('reads month first by default', () => {
		expect(parseDateTime('3/7/2025 14:05')).toBe('2025-03-07 14:05:00');
		expect(parseDateTime('03-07-2025')).toBe('2025-03-07 00:00:00');
	});

	it('reads day first when asked', () => {
		expect(parseDateTime('3/7/2025 14:05', { dayFirst: true })).toBe('2025-07-03 14:05:00');
		expect(parseDateTime('07.03.2025', { dayFirst: true })).toBe('2025-03-07 00:00:00');
	});

	it('takes a first number over 12 as the day', () => {
		expect(parseDateTime('13/7/2025')).toBe('2025-07-13 00:00:00');
		expect(parseDateTime('3/17/2025', { dayFirst: true })).toBe('2025-03-17 00:00:00');
	});

	it('rejects two numbers over 12', () => {
		expect(readReason(parseDateTime('13/17/2025'))).toBe('"13/17/2025" is not a real date');
	});
});

describe('parseDateTime: 12-hour clock', () => {
	const cases: [string, string][] = [
		['3/7/2025 2:05 PM', '2025-03-07 14:05:00'],
		['3/7/2025 2:05PM', '2025-03-07 14:05:00'],
		['3/7/2025 2:05 p.m.', '2025-03-07 14:05:00'],
		['2025-03-07 12:00 AM', '2025-03-07 00:00:00'],
		['2025-03-07 12:30:15 am', '2025-03-07 00:30:15'],
		['2025-03-07 12:00 PM', '2025-03-07 12:00:00'],
		['2025-03-07 11:59 PM', '2025-03-07 23:59:00'],
		['2025-03-07 下午2:05', '2025-03-07 14:05:00'],
		['2025-03-07 上午 9:05', '2025-03-07 09:05:00'],
		['2025-03-07 上午12:10', '2025-03-07 00:10:00'],
		['2025-03-07 下午 14:00', '2025-03-07 14:00:00'],
		['2025年3月7日下午2点5分', '2025-03-07 14:05:00'],
		['2025-03-07 2:05 下午', '2025-03-07 14:05:00']
	];
	it.each(cases)('%s → %s', (input, expected) => {
		expect(parseDateTime(input)).toBe(expected);
	});

	it('rejects hours that do not fit the half-day', () => {
		expect(readReason(parseDateTime('2025-03-07 13:00 AM'))).toBe(
			'"2025-03-07 13:00 AM" is not a real time of day'
		);
		expect(readReason(parseDateTime('2025-03-07 0:30 PM'))).toBe(
			'"2025-03-07 0:30 PM" is not a real time of day'
		);
	});
});

describe('parseDateTime: offsets', () => {
	it('converts UTC to China Standard Time by default', () => {
		expect(parseDateTime('2025-03-07T14:05:09Z')).toBe('2025-03-07 22:05:09');
		expect(parseDateTime('2025-03-07T14:05:09.123Z')).toBe('2025-03-07 22:05:09');
	});

	it('keeps times already at +08:00', () => {
		expect(parseDateTime('2025-03-07T14:05:09+08:00')).toBe('2025-03-07 14:05:09');
		expect(parseDateTime('2025-03-07 14:05:09 +0800')).toBe('2025-03-07 14:05:09');
	});

	it('crosses midnight forwards and backwards', () => {
		expect(parseDateTime('2025-03-07T20:30:00Z')).toBe('2025-03-08 04:30:00');
		expect(parseDateTime('2025-03-07T23:30:00-05:00')).toBe('2025-03-08 12:30:00');
		expect(parseDateTime('2025-03-01T03:00:00+09:00')).toBe('2025-03-01 02:00:00');
		expect(parseDateTime('2025-03-01T01:00:00+10')).toBe('2025-02-28 23:00:00');
		expect(parseDateTime('2024-12-31T16:00:00Z')).toBe('2025-01-01 00:00:00');
		expect(parseDateTime('2024-02-28T20:00:00Z')).toBe('2024-02-29 04:00:00');
	});

	it('converts to another site offset when given', () => {
		expect(parseDateTime('2025-03-07T01:00:00Z', { utcOffsetMinutes: -300 })).toBe('2025-03-06 20:00:00');
		expect(parseDateTime('2025-03-07T01:00:00Z', { utcOffsetMinutes: 0 })).toBe('2025-03-07 01:00:00');
	});

	it('rejects offsets that cannot exist', () => {
		expect(readReason(parseDateTime('2025-03-07T01:00:00+25:00'))).toBe(
			'"2025-03-07T01:00:00+25:00" is not a date; expected a date like 2025-03-07 14:05'
		);
	});
});

describe('parseDateTime: impossible and unreadable values', () => {
	it('accepts 29 February only in leap years', () => {
		expect(parseDateTime('2024-02-29')).toBe('2024-02-29 00:00:00');
		expect(readReason(parseDateTime('2025-02-29'))).toBe('"2025-02-29" is not a real date');
		expect(parseDateTime('2000-02-29 10:00')).toBe('2000-02-29 10:00:00');
		expect(readReason(parseDateTime('1900/2/29'))).toBe('"1900/2/29" is not a real date');
	});

	it('names impossible dates', () => {
		expect(readReason(parseDateTime('2025-02-30'))).toBe('"2025-02-30" is not a real date');
		expect(readReason(parseDateTime('2025-13-01 10:00'))).toBe('"2025-13-01 10:00" is not a real date');
		expect(readReason(parseDateTime('2025-00-10'))).toBe('"2025-00-10" is not a real date');
		expect(readReason(parseDateTime('2025年4月31日'))).toBe('"2025年4月31日" is not a real date');
		expect(readReason(parseDateTime('20250230'))).toBe('"20250230" is not a real date');
	});

	it('names impossible times', () => {
		expect(readReason(parseDateTime('2025-03-07 25:00'))).toBe(
			'"2025-03-07 25:00" is not a real time of day'
		);
		expect(readReason(parseDateTime('2025-03-07 24:00:00'))).toBe(
			'"2025-03-07 24:00:00" is not a real time of day'
		);
		expect(readReason(parseDateTime('2025-03-07 14:60'))).toBe(
			'"2025-03-07 14:60" is not a real time of day'
		);
		expect(readReason(parseDateTime('2025-03-07 14:05:60'))).toBe(
			'"2025-03-07 14:05:60" is not a real time of day'
		);
	});

	it('refuses two-digit years', () => {
		const expected = 'has a two-digit year; write the year in full, like 2025-03-07';
		expect(readReason(parseDateTime('25-03-07'))).toBe(`"25-03-07" ${expected}`);
		expect(readReason(parseDateTime('3/7/25'))).toBe(`"3/7/25" ${expected}`);
		expect(readReason(parseDateTime('25年3月7日'))).toBe(`"25年3月7日" ${expected}`);
	});

	it('says what was expected for anything else', () => {
		const expected = 'is not a date; expected a date like 2025-03-07 14:05';
		for (const input of [
			'abc',
			'2025-03',
			'2025-03-07 14',
			'2025-03-07 14:5',
			'2025-03-0714:05',
			'2025-03/07'
		]) {
			expect(readReason(parseDateTime(input))).toBe(`"${input}" ${expected}`);
		}
		expect(readReason(parseDateTime('2025-03-07 14:05 tomorrow'))).toBe(
			`"2025-03-07 14:05 tomorrow" ${expected}`
		);
		expect(readReason(parseDateTime('20250307 1405'))).toBe(`"20250307 1405" ${expected}`);
		expect(readReason(parseDateTime(true))).toBe(`true ${expected}`);
	});

	it('treats blank cells as empty', () => {
		expect(parseDateTime(null)).toBeNull();
		expect(parseDateTime('')).toBeNull();
		expect(parseDateTime(' \u3000 ')).toBeNull();
	});
});

describe('parseDateTime: Excel serials', () => {
	const cases: [number, string][] = [
		[1, '1900-01-01 00:00:00'],
		[59, '1900-02-28 00:00:00'],
		[61, '1900-03-01 00:00:00'],
		[45723, '2025-03-07 00:00:00'],
		[45723.5, '2025-03-07 12:00:00'],
		[45723.58691, '2025-03-07 14:05:09'],
		[45723.999999, '2025-03-08 00:00:00'],
		[45723.99998, '2025-03-07 23:59:58'],
		[45351, '2024-02-29 00:00:00'],
		[2958465, '9999-12-31 00:00:00']
	];
	it.each(cases)('%s → %s', (serial, expected) => {
		expect(parseDateTime(serial)).toBe(expected);
	});

	it("rejects Excel's fake 1900-02-29", () => {
		expect(readReason(parseDateTime(60))).toBe('60 is 1900-02-29 in Excel, which is not a real date');
		expect(readReason(parseDateTime(60.5))).toBe('60.5 is 1900-02-29 in Excel, which is not a real date');
	});

	it('uses the 1904 system when the workbook does', () => {
		expect(parseDateTime(0, { date1904: true })).toBe('1904-01-01 00:00:00');
		expect(parseDateTime(60, { date1904: true })).toBe('1904-03-01 00:00:00');
		expect(parseDateTime(44261.25, { date1904: true })).toBe('2025-03-07 06:00:00');
	});

	it('rejects serials outside what Excel can show', () => {
		expect(readReason(parseDateTime(0))).toBe('0 is not a date Excel can show');
		expect(readReason(parseDateTime(-1))).toBe('-1 is not a date Excel can show');
		expect(readReason(parseDateTime(2958466))).toBe('2958466 is not a date Excel can show');
		expect(readReason(parseDateTime(NaN))).toBe('NaN is not a date Excel can show');
		expect(readReason(parseDateTime(Infinity))).toBe('Infinity is not a date Excel can show');
	});

	it('rejects a bare time of day', () => {
		expect(readReason(parseDateTime(0.5))).toBe('0.5 is a time of day without a date');
	});

	it('reads five-digit serials that arrive as text', () => {
		expect(parseDateTime('45723.5')).toBe('2025-03-07 12:00:00');
		expect(parseDateTime('45723')).toBe('2025-03-07 00:00:00');
		expect(parseDateTime('１４６１', { date1904: true })).toBeInstanceOf(InvalidValue);
		expect(parseDateTime('44261.25', { date1904: true })).toBe('2025-03-07 06:00:00');
		expect(readReason(parseDateTime('45723.'))).toBe(
			'"45723." is not a date; expected a date like 2025-03-07 14:05'
		);
	});
});

describe('parseDateTime: Date objects', () => {
	it('reads the wall-clock time from the UTC fields', () => {
		expect(parseDateTime(new Date(Date.UTC(2025, 2, 7, 14, 5, 9)))).toBe('2025-03-07 14:05:09');
	});

	it('rounds to the nearest second', () => {
		expect(parseDateTime(new Date(Date.UTC(2025, 2, 7, 14, 4, 59, 600)))).toBe('2025-03-07 14:05:00');
		expect(parseDateTime(new Date(Date.UTC(2025, 2, 7, 23, 59, 59, 700)))).toBe('2025-03-08 00:00:00');
		expect(parseDateTime(new Date(Date.UTC(2025, 2, 7, 14, 5, 9, 400)))).toBe('2025-03-07 14:05:09');
	});

	it('rejects unreadable dates and bare times', () => {
		expect(readReason(parseDateTime(new Date(NaN)))).toBe('the cell holds a date that could not be read');
		expect(readReason(parseDateTime(new Date(Date.UTC(1899, 11, 30, 14, 5))))).toBe(
			'"1899-12-30 14:05:00" is a time of day without a date'
		);
	});
});

describe('parseDate', () => {
	const cases: [CellValue, string][] = [
		['2025-03-07', '2025-03-07'],
		['2025-03-07 14:05:09', '2025-03-07'],
		['2025-03-07T23:59', '2025-03-07'],
		['2025/3/7 14:05', '2025-03-07'],
		['2025年3月7日 下午2点', '2025-03-07'],
		['3/7/2025', '2025-03-07'],
		['2025-03-07T20:00:00Z', '2025-03-08'],
		[45723.75, '2025-03-07'],
		[new Date(Date.UTC(2025, 2, 7, 23, 0)), '2025-03-07']
	];
	it.each(cases)('%s → %s', (input, expected) => {
		expect(parseDate(input)).toBe(expected);
	});

	it('returns the clean format as the same string', () => {
		const s = '2025-03-07';
		expect(parseDate(s)).toBe(s);
	});

	it('explains failures in date words', () => {
		expect(readReason(parseDate('soon'))).toBe('"soon" is not a date; expected a date like 2025-03-07');
		expect(readReason(parseDate('2025-02-29'))).toBe('"2025-02-29" is not a real date');
		expect(parseDate('  ')).toBeNull();
	});

	it('honours dayFirst', () => {
		expect(parseDate('3/7/2025', { dayFirst: true })).toBe('2025-07-03');
	});
});

describe('parseMonth', () => {
	const cases: [CellValue, string][] = [
		['2025-03', '2025-03-01'],
		['2025/3', '2025-03-01'],
		['2025.3', '2025-03-01'],
		['2025年3月', '2025-03-01'],
		['２０２５年３月', '2025-03-01'],
		['202503', '2025-03-01'],
		['3/2025', '2025-03-01'],
		['2025-03-15', '2025-03-01'],
		['2025年3月15日', '2025-03-01'],
		['2025-03-31 23:59:59', '2025-03-01'],
		['20250315', '2025-03-01'],
		[45723, '2025-03-01'],
		[new Date(Date.UTC(2025, 2, 15)), '2025-03-01']
	];
	it.each(cases)('%s → %s', (input, expected) => {
		expect(parseMonth(input)).toBe(expected);
	});

	it('rejects impossible months and other text', () => {
		expect(readReason(parseMonth('2025-13'))).toBe('"2025-13" is not a real date');
		expect(readReason(parseMonth('202513'))).toBe('"202513" is not a real date');
		expect(readReason(parseMonth('March'))).toBe('"March" is not a month; expected a month like 2025-03');
		expect(readReason(parseMonth('2025'))).toBe('"2025" is not a month; expected a month like 2025-03');
		expect(parseMonth(null)).toBeNull();
	});
});
