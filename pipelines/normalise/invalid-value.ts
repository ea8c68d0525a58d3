import type { CellValue } from '../readers/sheet-row.ts';
import { normaliseText } from './text.ts';

/**
 * A cell that could not be normalised. Normalisers return it instead of throwing, because a bad cell
 * is routine in a million-row import and exceptions on the hot path are slow.
 */
export class InvalidValue {
	constructor(readonly reason: string) {}
}

export function isInvalid(v: unknown): v is InvalidValue {
	return v instanceof InvalidValue;
}

const MAX_SHOWN = 40;

/** Shows the offending cell the way the user typed it, so they can find it in their sheet. */
export function quoteValue(v: CellValue): string {
	if (v instanceof Date && Number.isNaN(v.getTime())) return 'an unreadable date';
	const text = normaliseText(v);
	if (text === null) return 'an empty cell';
	if (typeof v === 'number' || typeof v === 'boolean') return text;
	const shown = text.length > MAX_SHOWN ? text.slice(0, MAX_SHOWN - 1) + '…' : text;
	return '"' + shown + '"';
}
