import type { CellValue } from '../readers/sheet-row.ts';
import { formatDateTime } from './calendar.ts';

/** Trimmed text of any cell; null when there is nothing in it. */
export function normaliseText(v: CellValue): string | null {
	if (v === null) return null;
	if (typeof v === 'string') {
		const text = v.trim();
		return text === '' ? null : text;
	}
	if (typeof v === 'number') return formatPlainNumber(v);
	if (typeof v === 'boolean') return v ? 'true' : 'false';
	const t = v.getTime();
	// An unreadable Date has no text a user would recognise.
	if (Number.isNaN(t)) return null;
	return formatDateTime(
		v.getUTCFullYear(),
		v.getUTCMonth() + 1,
		v.getUTCDate(),
		v.getUTCHours(),
		v.getUTCMinutes(),
		v.getUTCSeconds()
	);
}

/**
 * Numbers as a person would write them: phone numbers and IDs typed into Excel arrive as numbers, and
 * String() would turn 1e21 or 1e-7 into exponent notation nobody recognises.
 */
export function formatPlainNumber(n: number): string {
	const s = String(n);
	return s.indexOf('e') === -1 ? s : expandExponent(s);
}

function expandExponent(s: string): string {
	const negative = s.charCodeAt(0) === 45;
	const body = negative ? s.slice(1) : s;
	const e = body.indexOf('e');
	const mantissa = body.slice(0, e);
	const dot = mantissa.indexOf('.');
	const digits = dot === -1 ? mantissa : mantissa.slice(0, dot) + mantissa.slice(dot + 1);
	const pointAt = (dot === -1 ? mantissa.length : dot) + Number(body.slice(e + 1));
	let out: string;
	if (pointAt <= 0) out = '0.' + '0'.repeat(-pointAt) + digits;
	else if (pointAt >= digits.length) out = digits + '0'.repeat(pointAt - digits.length);
	else out = digits.slice(0, pointAt) + '.' + digits.slice(pointAt);
	return negative ? '-' + out : out;
}

const IDEOGRAPHIC_SPACE = 0x3000;
const FULL_WIDTH_FIRST = 0xff01;
const FULL_WIDTH_LAST = 0xff5e;
const FULL_WIDTH_SHIFT = 0xfee0;

function isFullWidth(c: number): boolean {
	return c === IDEOGRAPHIC_SPACE || (c >= FULL_WIDTH_FIRST && c <= FULL_WIDTH_LAST);
}

/** Chinese input methods produce full-width digits, letters and punctuation; fold them to ASCII. */
export function toHalfWidth(s: string): string {
	const n = s.length;
	let i = 0;
	while (i < n && !isFullWidth(s.charCodeAt(i))) i++;
	// Most cells have nothing to convert; hand back the same string without allocating.
	if (i === n) return s;
	let out = s.slice(0, i);
	for (; i < n; i++) {
		const c = s.charCodeAt(i);
		if (c === IDEOGRAPHIC_SPACE) out += ' ';
		else if (c >= FULL_WIDTH_FIRST && c <= FULL_WIDTH_LAST) out += String.fromCharCode(c - FULL_WIDTH_SHIFT);
		else out += s[i];
	}
	return out;
}

const ANY_WHITESPACE = /\s+/g;

/** Unit codes are normalised (trim, full-width → half-width, upper-case) before matching. */
export function normaliseUnitCode(v: CellValue): string | null {
	const text = normaliseText(v);
	if (text === null) return null;
	if (isCleanUnitCode(text)) return text;
	const code = toHalfWidth(text).replace(ANY_WHITESPACE, '').toUpperCase();
	return code === '' ? null : code;
}

/** Printable ASCII other than lower-case letters, and common CJK ideographs: nothing to change. */
function isCleanUnitCode(s: string): boolean {
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		if ((c > 32 && c < 97) || (c > 122 && c < 127) || (c >= 0x4e00 && c <= 0x9fff)) continue;
		return false;
	}
	return true;
}

// \p{P} covers ASCII and CJK punctuation alike (（）【】：、，。·／－＿ and all quote marks); the
// backtick is a symbol in Unicode but people use it as a quote.
const LABEL_NOISE = /[\s\p{P}`]/gu;

/**
 * Key for matching enumeration labels and column headers: "Received at", "received_at" and
 * "ＲＥＣＥＩＶＥＤ－ＡＴ" must all meet, as must "投诉时间（受理）" and "投诉时间受理".
 */
export function normaliseLabel(s: string): string {
	if (isPlainLabel(s)) return s;
	return s.normalize('NFKC').toLowerCase().replace(LABEL_NOISE, '');
}

/** Lower-case ASCII letters, digits and common CJK ideographs are already their own key. */
function isPlainLabel(s: string): boolean {
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 0x4e00 && c <= 0x9fff)) continue;
		return false;
	}
	return true;
}
