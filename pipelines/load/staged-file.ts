import fs from 'node:fs';
import { normaliseText } from '../normalise/text.ts';
import type { CellValue, SheetRow } from '../readers/sheet-row.ts';

/**
 * A CSV file of normalised rows that DuckDB reads back typed in one `read_csv` — far faster than
 * appending row by row from JavaScript. Strings are always quoted so that an empty string and a
 * missing value (an empty unquoted field) stay different.
 */
export class StagedFileWriter {
	private buffer = '';
	private readonly fd: number;
	rows = 0;

	constructor(
		readonly path: string,
		readonly columns: readonly string[]
	) {
		this.fd = fs.openSync(path, 'w');
		this.buffer = columns.length > 0 ? columns.join(',') + '\n' : '';
	}

	/** A record row: its id and source row first, then its values (no intermediate array). */
	writeRecord(id: string, sourceRow: number, values: readonly unknown[]): void {
		let line = encodeStagedValue(id) + ',' + sourceRow;
		for (let i = 0; i < values.length; i++) line += ',' + encodeStagedValue(values[i]);
		this.buffer += line + '\n';
		this.rows++;
		if (this.buffer.length > 1 << 20) this.flush();
	}

	writeRow(values: readonly unknown[]): void {
		let line = '';
		for (let i = 0; i < values.length; i++) {
			if (i > 0) line += ',';
			line += encodeStagedValue(values[i]);
		}
		this.buffer += line + '\n';
		this.rows++;
		if (this.buffer.length > 1 << 20) this.flush();
	}

	close(): void {
		this.flush();
		fs.closeSync(this.fd);
	}

	private flush(): void {
		if (this.buffer) fs.writeSync(this.fd, this.buffer);
		this.buffer = '';
	}
}

export function encodeStagedValue(value: unknown): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'string') {
		return value.includes('"') ? `"${value.replaceAll('"', '""')}"` : `"${value}"`;
	}
	return String(value);
}

/** Appends one JSON document per line; used for rejected rows, which may be many. */
export class JsonLinesWriter {
	private buffer = '';
	private readonly fd: number;
	lines = 0;

	constructor(readonly path: string) {
		this.fd = fs.openSync(path, 'w');
	}

	write(value: unknown): void {
		this.buffer += JSON.stringify(value) + '\n';
		this.lines++;
		if (this.buffer.length > 1 << 20) this.flush();
	}

	close(): void {
		this.flush();
		fs.closeSync(this.fd);
	}

	private flush(): void {
		if (this.buffer) fs.writeSync(this.fd, this.buffer);
		this.buffer = '';
	}
}

/**
 * A workbook's data rows as text, each led by its Excel row number, so DuckDB converts them with the
 * same SQL as a CSV's cells. Typed cells become the text a person would type (dates ISO, numbers plain).
 */
export class RawCellWriter {
	private readonly writer: StagedFileWriter;
	private width = 0;
	private narrowest = Number.MAX_SAFE_INTEGER;

	/** Rows are padded to the header's width so DuckDB can read the file in parallel. */
	constructor(
		readonly path: string,
		private readonly headerWidth: number
	) {
		this.writer = new StagedFileWriter(path, []);
	}

	writeRow(row: SheetRow): void {
		const cells = row.cells;
		const width = Math.max(cells.length, this.headerWidth);
		if (width > this.width) this.width = width;
		if (width < this.narrowest) this.narrowest = width;
		const values: unknown[] = [row.rowNumber];
		for (let i = 0; i < width; i++) values.push(i < cells.length ? normaliseCellText(cells[i]) : null);
		this.writer.writeRow(values);
	}

	close(): void {
		this.writer.close();
	}

	describe() {
		return {
			utf8Path: this.path,
			delimiter: ',',
			lineBreak: '\n' as const,
			records: this.writer.rows,
			width: this.width === 0 ? 1 : this.width,
			ragged: this.narrowest < this.width,
			emptyRows: [],
			rowNumberColumn: true
		};
	}
}

function normaliseCellText(cell: CellValue): string | null {
	if (typeof cell === 'string') return cell === '' ? null : cell;
	return normaliseText(cell);
}
