import type { CellValue } from '../readers/sheet-row.ts';
import { InvalidValue, quoteValue } from './invalid-value.ts';
import { formatPlainNumber, toHalfWidth } from './text.ts';

export interface RangeOptions {
	min?: number;
	max?: number;
}

const MINUS = 45;
const PLUS = 43;
const COMMA = 44;
const DOT = 46;
const SPACE = 32;
const NO_BREAK_SPACE = 0xa0;
const OPEN_PAREN = 40;
const CLOSE_PAREN = 41;
const MINUS_SIGN = 0x2212;
const YEN = 0xa5; // ¥
const FULL_WIDTH_YEN = 0xffe5; // ￥
const YUAN = 0x5143; // 元
const WAN = 0x4e07; // 万

// Why the last scan failed, so the reason can say more than "not a number".
const NOT_A_NUMBER = 0;
const DECIMAL_COMMA = 1;
let scanProblem = NOT_A_NUMBER;

/** Amount in yuan rounded to fen; null for an empty cell. */
export function parseMoney(v: CellValue): number | null | InvalidValue {
	if (typeof v === 'number') {
		return Number.isFinite(v)
			? roundToCents(v)
			: new InvalidValue(`${quoteValue(v)} is not an amount of money`);
	}
	if (typeof v !== 'string') {
		return v === null ? null : new InvalidValue(`${quoteValue(v)} is not an amount of money`);
	}
	const plain = readPlainDecimal(v);
	if (!Number.isNaN(plain)) return roundToCents(plain);
	const text = v.trim();
	if (text === '') return null;
	const value = scanDecimal(toHalfWidth(text), true);
	if (!Number.isNaN(value)) return roundToCents(value);
	if (scanProblem === DECIMAL_COMMA) {
		return new InvalidValue(
			`${quoteValue(v)} is not an amount of money; write decimals with a dot, like 1234.50`
		);
	}
	return new InvalidValue(`${quoteValue(v)} is not an amount of money`);
}

/**
 * Rounds half away from zero at the second decimal. x * 100 lands just below .5 for values such as
 * 1.005, so the product is nudged up by a few ulps before rounding.
 */
export function roundToCents(x: number): number {
	const cents = Math.round(Math.abs(x) * 100 * (1 + 4 * Number.EPSILON));
	if (cents === 0) return 0;
	return x < 0 ? -cents / 100 : cents / 100;
}

export function parseNumber(v: CellValue, options?: RangeOptions): number | null | InvalidValue {
	return parseNumeric(v, options, false);
}

export function parseInteger(v: CellValue, options?: RangeOptions): number | null | InvalidValue {
	return parseNumeric(v, options, true);
}

function parseNumeric(
	v: CellValue,
	options: RangeOptions | undefined,
	whole: boolean
): number | null | InvalidValue {
	let value: number;
	if (typeof v === 'number') {
		if (!Number.isFinite(v)) return new InvalidValue(`${quoteValue(v)} is not a number`);
		// Formula results such as 2.9999999999999996 are shown by Excel as 3.
		const nearest = Math.round(v);
		value = whole && Math.abs(v - nearest) < 1e-9 ? nearest : v;
	} else if (typeof v === 'string') {
		value = readPlainDecimal(v);
		if (Number.isNaN(value)) {
			const text = v.trim();
			if (text === '') return null;
			value = scanDecimal(toHalfWidth(text), false);
			if (Number.isNaN(value)) {
				const hint = scanProblem === DECIMAL_COMMA ? '; write decimals with a dot, like 1234.5' : '';
				return new InvalidValue(`${quoteValue(v)} is not a number${hint}`);
			}
		}
	} else {
		return v === null ? null : new InvalidValue(`${quoteValue(v)} is not a number`);
	}
	if (whole) {
		if (!Number.isInteger(value)) return new InvalidValue(`${quoteValue(v)} is not a whole number`);
		if (!Number.isSafeInteger(value)) return new InvalidValue(`${quoteValue(v)} is too large`);
	}
	if (options === undefined) return value === 0 ? 0 : value;
	return checkRange(value, v, options, whole);
}

function checkRange(
	value: number,
	v: CellValue,
	options: RangeOptions,
	whole: boolean
): number | InvalidValue {
	const { min, max } = options;
	const tooSmall = min !== undefined && value < min;
	const tooLarge = max !== undefined && value > max;
	if (!tooSmall && !tooLarge) return value === 0 ? 0 : value;
	const shown = quoteValue(v);
	if (min !== undefined && max !== undefined) {
		const noun = whole ? 'a whole number' : 'a number';
		return new InvalidValue(
			`${shown} is out of range; expected ${noun} from ${formatPlainNumber(min)} to ${formatPlainNumber(max)}`
		);
	}
	return tooSmall
		? new InvalidValue(`${shown} is too small; expected at least ${formatPlainNumber(min as number)}`)
		: new InvalidValue(`${shown} is too large; expected at most ${formatPlainNumber(max as number)}`);
}

const POWERS_OF_TEN = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];
const MAX_EXACT_DIGITS = 15;

/**
 * Value of -?digits(.digits)? with nothing around it, the shape of nearly every numeric cell; NaN for
 * anything else. With at most 15 digits both the digits and the power of ten are exact doubles, so the
 * one division rounds correctly and equals Number(s), at a fraction of its cost.
 */
function readPlainDecimal(s: string): number {
	const n = s.length;
	const negative = s.charCodeAt(0) === MINUS;
	let i = negative ? 1 : 0;
	const intStart = i;
	let digits = 0;
	let fractionDigits = 0;
	for (; i < n; i++) {
		const d = s.charCodeAt(i) - 48;
		if (d >>> 0 > 9) break;
		digits = digits * 10 + d;
	}
	if (i === intStart) return NaN;
	if (i < n) {
		if (s.charCodeAt(i) !== DOT) return NaN;
		const fracStart = ++i;
		for (; i < n; i++) {
			const d = s.charCodeAt(i) - 48;
			if (d >>> 0 > 9) return NaN;
			digits = digits * 10 + d;
		}
		fractionDigits = i - fracStart;
		if (fractionDigits === 0) return NaN;
	}
	if (n - intStart - (fractionDigits === 0 ? 0 : 1) > MAX_EXACT_DIGITS) return Number(s);
	const value = fractionDigits === 0 ? digits : digits / POWERS_OF_TEN[fractionDigits];
	return negative && value !== 0 ? -value : value;
}

function isDigit(c: number): boolean {
	return c >= 48 && c <= 57;
}

function startsWithCurrencyCode(s: string, i: number): boolean {
	const code = s.slice(i, i + 3).toUpperCase();
	return code === 'RMB' || code === 'CNY';
}

/**
 * Parses a trimmed, half-width number, allowing thousands separators; with `money`, also currency
 * marks (¥ ￥ RMB CNY 元), spaces, accounting parentheses for negatives and a 万 multiplier.
 * Returns NaN (and sets scanProblem) for anything else.
 */
function scanDecimal(s: string, money: boolean): number {
	scanProblem = NOT_A_NUMBER;
	let i = 0;
	let end = s.length;
	let negative = false;
	if (money && s.charCodeAt(0) === OPEN_PAREN) {
		if (s.charCodeAt(end - 1) !== CLOSE_PAREN) return NaN;
		negative = true;
		i = 1;
		end--;
	}
	let signed = negative;
	let currency = false;
	for (; i < end; i++) {
		const c = s.charCodeAt(i);
		if (c === MINUS || c === MINUS_SIGN || c === PLUS) {
			if (signed) return NaN;
			signed = true;
			negative = c !== PLUS;
		} else if (money && (c === SPACE || c === NO_BREAK_SPACE)) {
			continue;
		} else if (money && !currency && (c === YEN || c === FULL_WIDTH_YEN)) {
			currency = true;
		} else if (money && !currency && startsWithCurrencyCode(s, i)) {
			currency = true;
			i += 2;
		} else {
			break;
		}
	}
	let digits = negative ? '-' : '';
	let anyDigit = false;
	let fraction = false;
	let grouped = false;
	let groupLength = 0;
	let commas = 0;
	for (; i < end; i++) {
		const c = s.charCodeAt(i);
		if (isDigit(c)) {
			digits += s[i];
			anyDigit = true;
			groupLength++;
		} else if (c === COMMA && !fraction) {
			if (groupLength === 0 || groupLength > 3 || (grouped && groupLength !== 3)) return NaN;
			grouped = true;
			groupLength = 0;
			commas++;
		} else if (c === DOT && !fraction) {
			if (grouped && groupLength !== 3) return NaN;
			fraction = true;
			digits += '.';
		} else if (!(money && (c === SPACE || c === NO_BREAK_SPACE))) {
			break;
		}
	}
	if (!anyDigit) return NaN;
	if (grouped && !fraction && groupLength !== 3) {
		// "12,50" is a European decimal comma, not a thousands separator.
		if (groupLength < 3 && commas === 1) scanProblem = DECIMAL_COMMA;
		return NaN;
	}
	// After the number: an optional 万, then at most one unit (元, RMB or CNY), in that order.
	let scale = 1;
	let unit = false;
	for (; i < end; i++) {
		const c = s.charCodeAt(i);
		if (!money) return NaN;
		if (c === SPACE || c === NO_BREAK_SPACE) continue;
		if (unit) return NaN;
		if (c === WAN && scale === 1) {
			scale = 10000;
		} else if (c === YUAN) {
			unit = true;
		} else if (startsWithCurrencyCode(s, i)) {
			unit = true;
			i += 2;
		} else {
			return NaN;
		}
	}
	const value = Number(digits) * scale;
	return value === 0 ? 0 : value;
}
