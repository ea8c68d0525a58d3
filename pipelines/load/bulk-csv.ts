import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { KindDefinition } from '../kinds/kind-definition.ts';
import { queryRows } from '../db/database.ts';
import type { CellValue, ReaderInfo } from '../readers/sheet-row.ts';
import type { HeaderMapping } from './header-mapping.ts';
import { quoteGeneratedPath, quoteIdentifier } from './merge-records.ts';
import type { CsvLayout, RejectedRow, StagedFile } from './parse-file.ts';
import { appendStagedFile, stageTable } from './record-stage.ts';
import { displayCell, isBlankRow, isTotalsRow } from './row-classes.ts';
import { createRowNormaliser } from './row-normalisation.ts';
import { JsonLinesWriter, StagedFileWriter } from './staged-file.ts';

/** Past this many rows needing JavaScript, the whole file is parsed in the worker instead. */
export const maxFallbackRows = 20_000;

export interface BulkCounts {
	rowsRead: number;
	rowsSkipped: number;
	rowsRejected: number;
	rowsValid: number;
	firstRejects: RejectedRow[];
}

export class BulkPathUnsuitable extends Error {}

const rawTable = 'raw_csv';

/** Excel row of DuckDB's row `r`: DuckDB skips empty lines, Excel counts them. */
function excelRowSql(emptyRows: readonly number[]): string {
	if (emptyRows.length === 0) return 'r + 1';
	const shifts = emptyRows.map((row, j) => row - 1 - j);
	return `r + 1 + len(list_filter([${shifts.join(', ')}], s -> s <= r))`;
}

/**
 * Loads a CSV's valid rows into the stage with DuckDB doing the reading and the conversion of canonical
 * values (field-sql.ts); rows it cannot vouch for — other spellings, failed checks, blank or totals
 * candidates — go through the JavaScript normalisers, which decide and explain. Throws
 * BulkPathUnsuitable when the file is better parsed whole in JavaScript.
 */
export async function stageCsvInBulk(
	connection: DuckDBConnection,
	request: {
		filePath: string;
		kind: KindDefinition;
		mapping: HeaderMapping;
		layout: CsvLayout;
		reader: ReaderInfo;
	},
	rejects: JsonLinesWriter,
	fallbackFile: string,
	preloaded: ReadonlySet<string> = new Set()
): Promise<BulkCounts> {
	const { kind, mapping, layout } = request;
	const width = layout.width;
	const names = Array.from({ length: width }, (_, i) => `c${i}`);
	if (layout.parts) {
		await loadRawParts(connection, layout.parts, width, preloaded);
	} else {
		const columnsSpec = names.map((n) => `'${n}': 'VARCHAR'`).join(', ');
		await connection.run(
			`CREATE OR REPLACE TEMP TABLE ${rawTable} AS SELECT * FROM read_csv(${quoteGeneratedPath(layout.utf8Path ?? request.filePath)},
				header = false, auto_detect = false, delim = ${quoteGeneratedPath(layout.delimiter)}, quote = '"', escape = '"',
				new_line = ${layout.lineBreak === '\r\n' ? `'\\r\\n'` : `'\\n'`}, columns = {${columnsSpec}}${layout.ragged ? ', null_padding = true, parallel = false' : ''})`
		);
	}
	const [{ n: rawRows }] = await queryRows<{ n: number }>(
		connection,
		`SELECT count(*)::INTEGER AS n FROM ${rawTable}`
	);
	if (rawRows !== layout.records - layout.emptyRows.length) {
		throw new BulkPathUnsuitable(`DuckDB read ${rawRows} records where the scan counted ${layout.records}`);
	}
	const emptyBeforeHeader = layout.emptyRows.filter((row) => row < mapping.headerRowNumber).length;
	// A workbook's text rows are its data rows only, each carrying its own row number.
	const headerRowid = layout.rowNumberColumn ? -1 : mapping.headerRowNumber - 1 - emptyBeforeHeader;
	const excelRow = layout.rowNumberColumn ? 'rownum' : excelRowSql(layout.emptyRows);
	const emptyAfterHeader = layout.emptyRows.length - emptyBeforeHeader;

	const fields = mapping.columns.flatMap((c) =>
		c.role === 'field' ? [{ column: `c${c.index}`, spec: kind.fields.find((f) => f.name === c.field)! }] : []
	);
	const mappedNames = new Set(fields.map((f) => f.spec.name));
	const allRaw = names.map((n) => `coalesce(${n}, '') = ''`).join(' AND ');
	const fieldNames = kind.fields.map((f) => quoteIdentifier(f.name));
	const fastValues = kind.fields
		.map((f) => {
			const source = fields.find((m) => m.spec.name === f.name);
			return `${source ? f.fastSql(source.column) : `NULL::${f.sqlType}`} AS ${quoteIdentifier(f.name)}`;
		})
		.join(', ');
	const cellsOk = fields.map(
		(f) => `(${f.column} IS NULL OR ${f.column} = '' OR ${quoteIdentifier(f.spec.name)} IS NOT NULL)`
	);
	const withDefaults = kind.fields
		.map((f) => {
			const name = quoteIdentifier(f.name);
			return f.defaultValue ? `coalesce(${name}, ${f.defaultValue.sql}) AS ${name}` : name;
		})
		.join(', ');
	const requiredOk = kind.fields
		.filter((f) => f.requiredValue && mappedNames.has(f.name))
		.map((f) => `${quoteIdentifier(f.name)} IS NOT NULL`);
	const idSql = kind.idField ? `NULLIF(${quoteIdentifier(kind.idField)}, '')` : (kind.sqlDeriveId ?? 'NULL');
	const fastConditions = ['cells_ok', ...requiredOk, ...(kind.sqlChecks ?? [])]
		.map((c) => `coalesce(${c}, false)`)
		.join(' AND ');

	// The stage is built in place: fast rows stay, the others are decided in JavaScript and appended.
	const mappedRaw = fields.map((f) => f.column);
	await connection.run(
		`CREATE OR REPLACE TEMP TABLE ${stageTable} AS
		WITH raw AS (SELECT rowid AS r, * FROM ${rawTable} WHERE rowid > ${headerRowid}),
		typed AS (SELECT r, ${excelRow} AS source_row, ${allRaw} AS blank,
			${sqlTotalsCandidate(names)} AS totals_candidate, ${[...mappedRaw, fastValues].join(', ')} FROM raw),
		checked AS (SELECT r, source_row, blank, totals_candidate,
			${cellsOk.length ? cellsOk.join(' AND ') : 'true'} AS cells_ok, ${fieldNames.join(', ')} FROM typed),
		defaulted AS (SELECT r, source_row, blank, totals_candidate, cells_ok, ${withDefaults} FROM checked)
		SELECT ${idSql} AS stage_id, source_row, ${fieldNames.join(', ')}, r,
			blank, (NOT blank AND NOT totals_candidate AND ${fastConditions}) AS fast FROM defaulted`
	);
	const [tally] = await queryRows<{ rows: number; blank: number; fast: number; fallback: number }>(
		connection,
		`SELECT count(*)::INTEGER AS rows, count(*) FILTER (WHERE blank)::INTEGER AS blank,
			count(*) FILTER (WHERE fast)::INTEGER AS fast, count(*) FILTER (WHERE NOT blank AND NOT fast)::INTEGER AS fallback
			FROM ${stageTable}`
	);
	if (tally.fallback > maxFallbackRows) {
		throw new BulkPathUnsuitable(`${tally.fallback} rows need the JavaScript normalisers`);
	}
	const counts: BulkCounts = {
		rowsRead: tally.rows + emptyAfterHeader,
		rowsSkipped: tally.blank + emptyAfterHeader,
		rowsRejected: 0,
		rowsValid: tally.fast,
		firstRejects: []
	};
	if (tally.fallback > 0) {
		const fallback = await normaliseFallbackRows(connection, request, names, rejects, fallbackFile, counts);
		await connection.run(`DELETE FROM ${stageTable} WHERE NOT fast`);
		if (fallback) await appendStagedFile(connection, fallback);
	} else if (tally.blank > 0) {
		await connection.run(`DELETE FROM ${stageTable} WHERE NOT fast`);
	}
	await connection.run(`DROP TABLE ${rawTable}`);
	return counts;
}

/**
 * Loads a workbook's text parts into the raw table; parts already loaded while the worker was still
 * reading (see RawPartLoader) are skipped.
 */
export async function loadRawParts(
	connection: DuckDBConnection,
	parts: readonly string[],
	width: number,
	preloaded: ReadonlySet<string>
): Promise<void> {
	const spec = [`'rownum': 'INTEGER'`, ...Array.from({ length: width }, (_, i) => `'c${i}': 'VARCHAR'`)].join(
		', '
	);
	if (preloaded.size === 0) {
		await connection.run(
			`CREATE OR REPLACE TEMP TABLE ${rawTable} (rownum INTEGER, ${Array.from({ length: width }, (_, i) => `c${i} VARCHAR`).join(', ')})`
		);
	}
	for (const part of parts) {
		if (preloaded.has(part)) continue;
		await connection.run(
			`INSERT INTO ${rawTable} SELECT * FROM read_csv(${quoteGeneratedPath(part)}, header = false, auto_detect = false,
				delim = ',', quote = '"', escape = '"', new_line = '\\n', columns = {${spec}})`
		);
	}
}

/** Loads each finished part of a workbook into DuckDB as soon as the worker reports it. */
export class RawPartLoader {
	private chain: Promise<void> = Promise.resolve();
	private failed = false;
	readonly loaded = new Set<string>();

	constructor(private readonly connection: DuckDBConnection) {}

	add(partPath: string, width: number): void {
		this.chain = this.chain.then(async () => {
			if (this.failed) return;
			try {
				await loadRawParts(this.connection, [partPath], width, this.loaded);
				this.loaded.add(partPath);
			} catch {
				// The bulk load reads every part itself then.
				this.failed = true;
				this.loaded.clear();
			}
		});
	}

	/** The parts loaded so far, once every pending load has finished. */
	async settle(): Promise<ReadonlySet<string>> {
		await this.chain;
		return this.loaded;
	}
}

/** A cell that JavaScript would not read as empty (it trims Unicode whitespace). */
function sqlHasText(cell: string): string {
	return `coalesce(regexp_matches(${cell}, '[^\\s\\x{0B}\\x{FEFF}\\p{Z}]'), false)`;
}

/**
 * A superset of the rows isTotalsRow skips (it looks at the first two non-empty cells): when the first
 * two cells have text those are the ones; otherwise every cell is looked at.
 */
function sqlTotalsCandidate(names: string[]): string {
	const label = `'^[\\s\\x{3000}]*(合计|总计|小计|共计|total|subtotal|sub-total|grand total|sum)'`;
	const everyCell = `regexp_matches(concat_ws(' ', ${names.join(', ')}), ${label.replace("'^", "'(^|\\x1f| )")}, 'i')`;
	if (names.length < 2) return `coalesce(regexp_matches(${names[0]}, ${label}, 'i'), false)`;
	return `CASE WHEN ${sqlHasText(names[0])} AND ${sqlHasText(names[1])}
		THEN coalesce(regexp_matches(${names[0]}, ${label}, 'i'), false) OR coalesce(regexp_matches(${names[1]}, ${label}, 'i'), false)
		ELSE coalesce(${everyCell}, false) END`;
}

/** The rows SQL could not vouch for, decided by the same JavaScript code as an XLSX row. */
async function normaliseFallbackRows(
	connection: DuckDBConnection,
	request: { kind: KindDefinition; mapping: HeaderMapping; reader: ReaderInfo },
	names: string[],
	rejects: JsonLinesWriter,
	fallbackFile: string,
	counts: BulkCounts
): Promise<StagedFile | null> {
	const { kind, mapping } = request;
	const normalise = createRowNormaliser(kind, mapping.columns, {
		date1904: request.reader.date1904 ?? false
	});
	const fieldNames = kind.fields.map((f) => f.name);
	const staged = new StagedFileWriter(fallbackFile, ['stage_id', 'source_row', ...fieldNames]);
	const values: unknown[] = new Array(fieldNames.length);
	const result = await connection.stream(
		`SELECT s.source_row, ${names.map((n) => `w.${n}`).join(', ')} FROM ${stageTable} s
			JOIN (SELECT rowid AS r, * FROM ${rawTable}) w ON w.r = s.r WHERE NOT s.blank AND NOT s.fast ORDER BY s.source_row`
	);
	for await (const rows of result.yieldRowsJs()) {
		for (const row of rows) {
			const rowNumber = Number(row[0]);
			const cells = row.slice(1).map((cell) => (cell === null ? '' : String(cell))) as CellValue[];
			if (isBlankRow(cells) || isTotalsRow(cells)) {
				counts.rowsSkipped++;
				continue;
			}
			const outcome = normalise(cells);
			if (outcome.problems.length > 0) {
				counts.rowsRejected++;
				const rejected: RejectedRow = {
					row: rowNumber,
					problems: outcome.problems,
					cells: cells.map(displayCell)
				};
				rejects.write(rejected);
				if (counts.firstRejects.length < 50) counts.firstRejects.push(rejected);
				continue;
			}
			counts.rowsValid++;
			for (let i = 0; i < fieldNames.length; i++) values[i] = outcome.record[fieldNames[i]];
			staged.writeRecord(outcome.id ?? '', rowNumber, values);
		}
		// Keep the server answering while a few thousand rows are normalised on its thread.
		await yieldToEventLoop();
	}
	staged.close();
	if (staged.rows === 0) return null;
	return {
		path: fallbackFile,
		columns: kind.fields.map((f) => ({ name: f.name, sqlType: f.sqlType })),
		rows: staged.rows
	};
}
