import path from 'node:path';
import { normaliseText } from '../normalise/text.ts';
import type { CellValue, SheetRow } from '../readers/sheet-row.ts';
import { StagedFileWriter } from './staged-file.ts';

/** Rows per part file: each finished part is loaded into DuckDB while the workbook is still being read. */
export const rowsPerPart = 25_000;

/**
 * A workbook's data rows as text, each led by its Excel row number, so DuckDB converts them with the
 * same SQL as a CSV's cells. Typed cells become the text a person would type (dates ISO, numbers plain).
 * Every row has the header's width plus one overflow column holding any cells beyond it, so all parts
 * share one shape (cells past the header have no field, but a row holding only them is not blank).
 */
export class RawCellWriter {
	private writer: StagedFileWriter | null = null;
	private part = 0;
	private rows = 0;
	readonly parts: string[] = [];

	constructor(
		private readonly directory: string,
		readonly headerWidth: number,
		private readonly onPart?: (partPath: string, width: number) => void
	) {}

	writeRow(row: SheetRow): void {
		if (!this.writer) {
			this.writer = new StagedFileWriter(path.join(this.directory, `raw-cells-${++this.part}.csv`), []);
		}
		const cells = row.cells;
		const values: unknown[] = [row.rowNumber];
		for (let i = 0; i < this.headerWidth; i++) values.push(i < cells.length ? toCellText(cells[i]) : null);
		values.push(cells.length > this.headerWidth ? joinOverflow(cells, this.headerWidth) : null);
		this.writer.writeRow(values);
		this.rows++;
		if (this.writer.rows >= rowsPerPart) this.finishPart();
	}

	close(): void {
		this.finishPart();
	}

	describe() {
		return {
			utf8Path: null,
			parts: [...this.parts],
			delimiter: ',',
			lineBreak: '\n' as const,
			records: this.rows,
			width: this.headerWidth + 1,
			ragged: false,
			emptyRows: [],
			rowNumberColumn: true
		};
	}

	private finishPart(): void {
		if (!this.writer) return;
		this.writer.close();
		this.parts.push(this.writer.path);
		this.onPart?.(this.writer.path, this.headerWidth + 1);
		this.writer = null;
	}
}

function toCellText(cell: CellValue): string | null {
	if (typeof cell === 'string') return cell === '' ? null : cell;
	return normaliseText(cell);
}

function joinOverflow(cells: readonly CellValue[], from: number): string | null {
	const texts: string[] = [];
	for (let i = from; i < cells.length; i++) {
		const text = toCellText(cells[i]);
		if (text !== null) texts.push(text);
	}
	return texts.length > 0 ? texts.join(' ') : null;
}
