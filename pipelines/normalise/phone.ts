import type { CellValue } from '../readers/sheet-row.ts';
import { InvalidValue, quoteValue } from './invalid-value.ts';
import { toHalfWidth } from './text.ts';

const PLUS = 43;
const DASH = 45;
const EN_DASH = 0x2013;
const EM_DASH = 0x2014;
const SPACE = 32;
const NO_BREAK_SPACE = 0xa0;
const TAB = 9;
const OPEN_PAREN = 40;
const CLOSE_PAREN = 41;
const MIN_DIGITS = 3; // short service numbers such as 110 and 12345 are real
const MAX_DIGITS = 20;

// A phone column opened and re-saved in Excel turns 13800138000 into "1.38001E+10"; the digits are gone.
const SCIENTIFIC = /^\d(\.\d+)?e\+?\d+$/i;

/** Digits, a leading '+', and single '-' between digit groups; null for an empty cell. */
export function normalisePhone(v: CellValue): string | null | InvalidValue {
	if (v === null) return null;
	if (typeof v === 'number') {
		if (!Number.isSafeInteger(v) || v < 0) return new InvalidValue(`${quoteValue(v)} is not a phone number`);
		return checkDigitCount(String(v), v);
	}
	if (typeof v !== 'string') return new InvalidValue(`${quoteValue(v)} is not a phone number`);
	if (isDigitsOnly(v)) return checkDigitCount(v, v);
	const text = toHalfWidth(v.trim());
	if (text === '') return null;
	// '+86 138-0013-8000' and '(010)1234-5678' mix separators; when the writer used dashes, every
	// break between digit groups becomes one, otherwise breaks are dropped ('138 0013 8000').
	const keepBreaks = hasDash(text);
	let out = '';
	let breakPending = false;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c >= 48 && c <= 57) {
			if (breakPending && keepBreaks && out !== '' && out !== '+') out += '-';
			breakPending = false;
			out += text[i];
		} else if (c === PLUS && i === 0) {
			out = '+';
		} else if (
			isDash(c) ||
			c === SPACE ||
			c === NO_BREAK_SPACE ||
			c === TAB ||
			c === OPEN_PAREN ||
			c === CLOSE_PAREN
		) {
			breakPending = true;
		} else if (SCIENTIFIC.test(text)) {
			return new InvalidValue(
				`${quoteValue(v)} lost its digits when Excel showed it in scientific notation; format the column as text and export again`
			);
		} else {
			return new InvalidValue(`${quoteValue(v)} is not a phone number; use digits only, like 13800138000`);
		}
	}
	return checkDigitCount(out, v);
}

function isDash(c: number): boolean {
	return c === DASH || c === EN_DASH || c === EM_DASH;
}

function hasDash(s: string): boolean {
	for (let i = 0; i < s.length; i++) if (isDash(s.charCodeAt(i))) return true;
	return false;
}

function isDigitsOnly(s: string): boolean {
	if (s.length === 0) return false;
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		if (c < 48 || c > 57) return false;
	}
	return true;
}

function checkDigitCount(phone: string, v: CellValue): string | InvalidValue {
	let digits = 0;
	for (let i = 0; i < phone.length; i++) {
		const c = phone.charCodeAt(i);
		if (c >= 48 && c <= 57) digits++;
	}
	if (digits < MIN_DIGITS) return new InvalidValue(`${quoteValue(v)} is too short to be a phone number`);
	if (digits > MAX_DIGITS) return new InvalidValue(`${quoteValue(v)} is too long to be a phone number`);
	return phone;
}

/**
 * '138****8000': keeps the first 3 and last 4 digits of numbers with at least 10 digits (so at
 * least 3 stay hidden) and only the last 2 of shorter ones. Separators stay where they are.
 */
export function maskPhone(phone: string): string {
	let digits = 0;
	for (let i = 0; i < phone.length; i++) {
		const c = phone.charCodeAt(i);
		if (c >= 48 && c <= 57) digits++;
	}
	const keepHead = digits >= 10 ? 3 : 0;
	const keepFrom = digits - (digits >= 10 ? 4 : 2);
	let out = '';
	let index = 0;
	for (let i = 0; i < phone.length; i++) {
		const c = phone.charCodeAt(i);
		if (c < 48 || c > 57) {
			out += phone[i];
			continue;
		}
		out += index < keepHead || index >= keepFrom ? phone[i] : '*';
		index++;
	}
	return out;
}
