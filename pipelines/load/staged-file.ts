import fs from 'node:fs';

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
