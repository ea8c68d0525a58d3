import fs from 'node:fs';

const bufferBytes = 1 << 20;

/**
 * Lines encoded into one reused buffer as they come: a long string built by `+=` costs more to flatten
 * and encode when written than the lines cost to encode one by one.
 */
class BufferedFile {
	private readonly buffer = Buffer.allocUnsafe(bufferBytes);
	private used = 0;
	private readonly fd: number;

	constructor(path: string) {
		this.fd = fs.openSync(path, 'w');
	}

	write(text: string): void {
		// three bytes per UTF-16 unit is the most UTF-8 needs
		if (this.used + text.length * 3 > bufferBytes) {
			this.flush();
			if (text.length * 3 > bufferBytes) {
				fs.writeSync(this.fd, text);
				return;
			}
		}
		this.used += this.buffer.write(text, this.used);
	}

	close(): void {
		this.flush();
		fs.closeSync(this.fd);
	}

	private flush(): void {
		let written = 0;
		while (written < this.used) written += fs.writeSync(this.fd, this.buffer, written, this.used - written);
		this.used = 0;
	}
}

/**
 * A CSV file of normalised rows that DuckDB reads back typed in one `read_csv` — far faster than
 * appending row by row from JavaScript. Strings are always quoted so that an empty string and a
 * missing value (an empty unquoted field) stay different.
 */
export class StagedFileWriter {
	private readonly file: BufferedFile;
	rows = 0;

	constructor(
		readonly path: string,
		readonly columns: readonly string[]
	) {
		this.file = new BufferedFile(path);
		if (columns.length > 0) this.file.write(columns.join(',') + '\n');
	}

	/** A record row: its id and source row first, then its values (no intermediate array). */
	writeRecord(id: string, sourceRow: number, values: readonly unknown[]): void {
		let line = encodeStagedValue(id) + ',' + sourceRow;
		for (let i = 0; i < values.length; i++) line += ',' + encodeStagedValue(values[i]);
		this.file.write(line + '\n');
		this.rows++;
	}

	writeRow(values: readonly unknown[]): void {
		let line = '';
		for (let i = 0; i < values.length; i++) {
			if (i > 0) line += ',';
			line += encodeStagedValue(values[i]);
		}
		this.file.write(line + '\n');
		this.rows++;
	}

	close(): void {
		this.file.close();
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
	private readonly file: BufferedFile;
	lines = 0;

	constructor(readonly path: string) {
		this.file = new BufferedFile(path);
	}

	write(value: unknown): void {
		this.file.write(JSON.stringify(value) + '\n');
		this.lines++;
	}

	close(): void {
		this.file.close();
	}
}
