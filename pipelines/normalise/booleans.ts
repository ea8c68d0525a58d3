import type { CellValue } from '../readers/sheet-row.ts';
import { InvalidValue, quoteValue } from './invalid-value.ts';
import { toHalfWidth } from './text.ts';

// Ticket systems and hand-kept sheets mark yes/no in many ways; 已转/已验收 come from status columns
// such as "转工单" and "验收".
const TRUE_WORDS = ['是', '有', '对', '√', '✓', '✔', 'y', 'yes', 'true', '1', 't', '已', '已转', '已验收'];
const FALSE_WORDS = ['否', '无', '不', '×', '✗', '✘', 'n', 'no', 'false', '0', 'f', '未', '未转', '未验收'];

const WORDS = new Map<string, boolean>();
for (const word of TRUE_WORDS) WORDS.set(word, true);
for (const word of FALSE_WORDS) WORDS.set(word, false);

const EXPECTED = 'expected 是/否, Y/N, yes/no or 1/0';

export function parseBoolean(v: CellValue): boolean | null | InvalidValue {
	if (typeof v === 'boolean') return v;
	if (v === null) return null;
	if (typeof v === 'string') {
		// Clean cells ('是', '1', 'true') hit the map without trimming or case folding.
		const direct = WORDS.get(v);
		if (direct !== undefined) return direct;
		const text = v.trim();
		if (text === '') return null;
		const found = WORDS.get(toHalfWidth(text).toLowerCase());
		if (found !== undefined) return found;
	} else if (v === 1 || v === 0) {
		return v === 1;
	}
	return new InvalidValue(`${quoteValue(v)} is not yes or no; ${EXPECTED}`);
}
