import type { CellValue } from './sheet-row.ts';

const DAY_MS = 86_400_000;
/** Days between 1899-12-30 (serial 0 in the 1900 system as exceljs counts it) and 1970-01-01. */
const UNIX_EPOCH_SERIAL = 25_569;
/** Days between the 1900 and the 1904 date systems. */
const DATE_1904_OFFSET_DAYS = 1_462;

export interface CellContext {
	date1904: boolean;
	/** Added to every Date exceljs produced, when exceljs guessed the workbook's date system wrongly. */
	dateCorrectionMs: number;
}

/**
 * exceljs only recognises `date1904="1"`, not `"true"`; the difference between what it assumed and what
 * the workbook says is exactly the 1,462 days between the two epochs.
 */
export function createCellContext(date1904: boolean, exceljsAssumed1904: boolean): CellContext {
	const days = (date1904 ? DATE_1904_OFFSET_DAYS : 0) - (exceljsAssumed1904 ? DATE_1904_OFFSET_DAYS : 0);
	return { date1904, dateCorrectionMs: days * DAY_MS };
}

/** Excel's serial day number to a Date whose UTC fields are the wall-clock time shown in the sheet. */
export function convertSerialToDate(serial: number, date1904: boolean): Date {
	const days = serial - UNIX_EPOCH_SERIAL + (date1904 ? DATE_1904_OFFSET_DAYS : 0);
	return new Date(Math.round(days * DAY_MS));
}

/** A number format shows a date or time when it uses date/time tokens outside literals and [colours]. */
export function isDateFormat(format: string | undefined): boolean {
	if (!format) return false;
	const tokens = format
		.replace(/\[[^\]]*]/g, '')
		.replace(/"[^"]*"/g, '')
		.replace(/[\\_*]./g, '');
	return /[ymdhsb]/i.test(tokens.replace(/General/gi, ''));
}

/**
 * Gives every cell of a merged block the value of its top-left cell, row by row as they stream in.
 * Rows must arrive in increasing order; rows absent from the sheet XML are not invented.
 */
export class MergeFiller {
	private readonly ranges: MergedRange[];
	private nextRange = 0;
	private active: { range: MergedRange; value: Exclude<CellValue, null> }[] = [];

	/** Fills stop at `maxColumns`, so a title merged across the whole row does not become 16,384 cells. */
	constructor(
		ranges: readonly MergedRange[],
		private readonly maxColumns: number
	) {
		this.ranges = [...ranges].sort((a, b) => a.top - b.top);
	}

	fill(rowNumber: number, cells: CellValue[]): void {
		if (this.active.length > 0) this.active = this.active.filter(({ range }) => range.bottom >= rowNumber);
		while (this.nextRange < this.ranges.length && this.ranges[this.nextRange].top <= rowNumber) {
			const range = this.ranges[this.nextRange++];
			const value = range.top === rowNumber ? (cells[range.left] ?? null) : null;
			if (value !== null && range.bottom >= rowNumber) this.active.push({ range, value });
		}
		for (const { range, value } of this.active) {
			const right = Math.min(range.right, this.maxColumns - 1);
			while (cells.length <= right) cells.push(null);
			for (let column = range.left; column <= right; column++) cells[column] = value;
		}
	}
}

/** A merged block of cells: rows are Excel row numbers, columns count from A = 0 (as in SheetRow.cells). */
export interface MergedRange {
	ref: string;
	top: number;
	bottom: number;
	left: number;
	right: number;
}

/** Parses `A1:D3`; null for anything else (including a single cell, which merges nothing). */
export function parseRange(ref: string): MergedRange | null {
	const match = /^\$?([A-Z]{1,3})\$?(\d+):\$?([A-Z]{1,3})\$?(\d+)$/.exec(ref.trim().toUpperCase());
	if (!match) return null;
	const [a, b] = [parseColumnLetters(match[1]), parseColumnLetters(match[3])];
	const [rowA, rowB] = [Number(match[2]), Number(match[4])];
	const range = {
		ref,
		top: Math.min(rowA, rowB),
		bottom: Math.max(rowA, rowB),
		left: Math.min(a, b),
		right: Math.max(a, b)
	};
	return range.top === range.bottom && range.left === range.right ? null : range;
}

/** 'A' → 0, 'Z' → 25, 'AA' → 26. */
function parseColumnLetters(letters: string): number {
	let index = 0;
	for (const letter of letters) index = index * 26 + (letter.charCodeAt(0) - 64);
	return index - 1;
}
