import type { CellValue } from '../readers/sheet-row.ts';
import { normaliseLabel, normaliseText } from './text.ts';

/** Matching key for a column header; '' for a blank header cell. */
export function normaliseHeaderKey(header: CellValue): string {
	const text = normaliseText(header);
	return text === null ? '' : normaliseLabel(text);
}
