import { normaliseText } from '../normalise/text.ts';
import type { CellValue } from '../readers/sheet-row.ts';

const totalsLabel =
	/^(合计|总计|小计|共计|总合计|total|totals|subtotal|sub-total|grand total|sum)\b|^(合计|总计|小计|共计)/i;

export function isBlankRow(cells: readonly CellValue[]): boolean {
	for (const cell of cells) {
		if (cell === null || cell === undefined) continue;
		if (typeof cell === 'string' && cell.trim() === '') continue;
		return false;
	}
	return true;
}

/** A totals line (合计/总计/小计/Total) at the foot or inside a sheet: never a record, counted as skipped. */
export function isTotalsRow(cells: readonly CellValue[]): boolean {
	let seen = 0;
	for (const cell of cells) {
		if (typeof cell !== 'string') {
			if (cell === null || cell === undefined) continue;
			if (++seen >= 2) return false;
			continue;
		}
		if (!mayStartTotalsLabel(cell)) {
			if (cell.trim() !== '' && ++seen >= 2) return false;
			continue;
		}
		const text = normaliseText(cell);
		if (text === null) continue;
		if (totalsLabel.test(text.replace(/\s+/g, ' '))) return true;
		if (++seen >= 2) return false;
	}
	return false;
}

const totalsInitials = new Set(['合', '总', '小', '共', 't', 'T', 's', 'S', 'g', 'G']);

/** Cheap first-character test so ordinary rows never reach the regular expression. */
function mayStartTotalsLabel(cell: string): boolean {
	for (let i = 0; i < cell.length; i++) {
		const c = cell[i];
		if (c === ' ' || c === '\t' || c === '\u3000') continue;
		return totalsInitials.has(c);
	}
	return false;
}

/** How a cell is shown back to the user in a reject list or the quarantine download. */
export function displayCell(cell: CellValue): string | null {
	return normaliseText(cell);
}
