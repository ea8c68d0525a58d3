import type { CellValue } from '../readers/sheet-row.ts';
import { InvalidValue, quoteValue } from './invalid-value.ts';
import { normaliseLabel, normaliseText } from './text.ts';

export type EnumParser<C extends string> = (v: CellValue) => C | null | InvalidValue;

// Enumerated columns repeat a handful of spellings, so remembering raw cell text → result skips
// trimming and NFKC for almost every row. The cap keeps a column of free text from growing it forever.
const REMEMBERED_SPELLINGS = 1024;
const LISTED_CHOICES = 12;

/**
 * Parser for an enumerated column. A cell matches a code when its label key (see normaliseLabel)
 * equals the key of the code itself or of one of its labels.
 * Throws at creation if two codes share a label key, since such a column could never be read reliably.
 */
export function createEnumParser<C extends string>(
	name: string,
	labels: Record<C, readonly string[]>
): EnumParser<C> {
	const byKey = new Map<string, C>();
	for (const code of Object.keys(labels) as C[]) {
		for (const label of [code, ...labels[code]]) {
			const key = normaliseLabel(label);
			if (key === '') throw new Error(`${name}: label ${JSON.stringify(label)} has no letters or digits`);
			const existing = byKey.get(key);
			if (existing !== undefined && existing !== code) {
				throw new Error(`${name}: label ${JSON.stringify(label)} would match both ${existing} and ${code}`);
			}
			byKey.set(key, code);
		}
	}
	const choices = describeEnum(labels);
	const remembered = new Map<string, C | InvalidValue>();
	return (v) => {
		if (typeof v === 'string') {
			const seen = remembered.get(v);
			if (seen !== undefined) return seen;
		}
		const text = normaliseText(v);
		if (text === null) return null;
		const result =
			byKey.get(normaliseLabel(text)) ??
			new InvalidValue(`${quoteValue(v)} is not a known ${name}; use one of: ${choices}`);
		if (typeof v === 'string' && remembered.size < REMEMBERED_SPELLINGS) remembered.set(v, result);
		return result;
	};
}

/** "来电/phone, 来访/visit": each code with its first label, for messages and help text. */
export function describeEnum<C extends string>(labels: Record<C, readonly string[]>): string {
	const codes = Object.keys(labels) as C[];
	const shown = codes.slice(0, LISTED_CHOICES).map((code) => {
		const first = labels[code][0];
		return first === undefined || normaliseLabel(first) === normaliseLabel(code) ? code : `${first}/${code}`;
	});
	return codes.length > LISTED_CHOICES ? shown.join(', ') + ' …' : shown.join(', ');
}
