/**
 * A sheet's rows straight from its XML. exceljs's own sheet reader builds a Row and a Cell object per
 * cell on top of a general SAX parser, which spent most of the time of a large workbook's read; this
 * scanner gives the very values the reader took from those objects (same rules, exceljs's quirks
 * included: checked row for row against it) while exceljs still reads the workbook, its styles and its shared strings.
 */
import { StringDecoder } from 'node:string_decoder';
import { InputError, type CellValue } from './sheet-row.ts';
import { convertSerialToDate, isDateFormat, type CellContext } from './xlsx-cells.ts';
import { decodeXmlEntities } from './xml-part-scanner.ts';

export interface ParsedSheetRow {
	number: number;
	cells: CellValue[];
}

/** What the rows are read against: exceljs's parsed workbook parts and the reader's limits. */
export interface SheetParseOptions {
	/** exceljs's cache: a string, `{ richText }`, or null for an empty item. */
	sharedStrings: readonly unknown[];
	styles: { getStyleModel(id: number): { numFmt?: string } | null } | undefined;
	cell: CellContext;
	/** The date system exceljs assumed; plain date cells are converted as it did, then corrected. */
	exceljsAssumed1904: boolean;
	maxColumns: number;
	fileName: string;
}

const DAY_MS = 86_400_000;
/** Longer than any start tag a spreadsheet writer produces: a tag never closing is malformed. */
const MAX_CARRY = 1 << 20;

/** One cell while its element is open. */
interface OpenCell {
	column: number;
	type: string | undefined;
	numFmt: string | undefined;
	hasFormula: boolean;
	/** null until a value element (`<v>`, `<is>`, `<t>`) opened. */
	value: string | null;
}

export async function* parseSheetRows(
	chunks: AsyncIterable<Buffer | string>,
	options: SheetParseOptions
): AsyncGenerator<ParsedSheetRow[]> {
	const decoder = new StringDecoder('utf8');
	const state = new SheetState(options);
	let carry = '';
	for await (const chunk of chunks) {
		const text = carry + (typeof chunk === 'string' ? chunk : decoder.write(chunk));
		const consumed = state.scan(text);
		carry = text.slice(consumed);
		if (carry.length > MAX_CARRY) throw new Error('the sheet XML has a tag that never closes');
		if (state.rows.length > 0) yield state.takeRows();
	}
	state.scan(carry + decoder.end() + '<');
	if (state.rows.length > 0) yield state.takeRows();
}

class SheetState {
	rows: ParsedSheetRow[] = [];
	private inSheetData = false;
	private row: ParsedSheetRow | null = null;
	private lastRowNumber = 0;
	private lastColumn = 0;
	private rowNumFmt: string | undefined;
	private cell: OpenCell | null = null;
	/** Where text goes: exceljs appends every text node to the last value element opened in the cell. */
	private textTarget: 'value' | 'formula' | null = null;
	private readonly styleFormats = new Map<number, string | undefined | null>();

	constructor(private readonly options: SheetParseOptions) {}

	takeRows(): ParsedSheetRow[] {
		const rows = this.rows;
		this.rows = [];
		return rows;
	}

	/** Handles every complete construct in `text`; returns how much of it was consumed. */
	scan(text: string): number {
		let at = 0;
		for (;;) {
			const open = text.indexOf('<', at);
			if (open === -1) return at;
			if (open > at && this.textTarget === 'value' && this.cell)
				this.cell.value += decodeText(text, at, open);
			const next = text.charCodeAt(open + 1);
			if (next === 0x21 /* ! */ || next === 0x3f /* ? */) {
				const end = this.skipMarkup(text, open);
				if (end === -1) return open;
				at = end;
				continue;
			}
			const close = text.indexOf('>', open);
			if (close === -1) return open;
			if (next === 0x2f /* / */) this.closeTag(text.slice(open + 2, close).trim());
			else this.openTag(text, open + 1, close);
			at = close + 1;
		}
	}

	/** Comments, CDATA and processing instructions carry nothing exceljs read; -1 when unfinished. */
	private skipMarkup(text: string, open: number): number {
		if (text.startsWith('<!--', open)) return endAfter(text, '-->', open + 4);
		if (text.startsWith('<![CDATA[', open)) return endAfter(text, ']]>', open + 9);
		if (text.charCodeAt(open + 1) === 0x3f) return endAfter(text, '?>', open + 2);
		if (text.length - open < 9) return -1;
		throw new Error(`unexpected markup in the sheet XML: ${text.slice(open, open + 12)}`);
	}

	private openTag(text: string, from: number, close: number): void {
		const selfClosing = text.charCodeAt(close - 1) === 0x2f;
		let nameEnd = from;
		while (nameEnd < close && !isNameEnd(text.charCodeAt(nameEnd))) nameEnd++;
		const name = text.slice(from, nameEnd);
		const attributes = selfClosing ? text.slice(nameEnd, close - 1) : text.slice(nameEnd, close);
		switch (name) {
			case 'sheetData':
				this.inSheetData = true;
				break;
			case 'row':
				if (this.inSheetData) this.openRow(attributes);
				break;
			case 'c':
				if (this.row) this.openCell(attributes);
				break;
			case 'f':
				if (this.cell) {
					this.cell.hasFormula = true;
					this.textTarget = 'formula';
				}
				break;
			case 'v':
			case 'is':
			case 't':
				// a new value element starts over, as in exceljs (an inline string keeps its last run)
				if (this.cell) {
					this.cell.value = '';
					this.textTarget = 'value';
				}
				break;
		}
		if (selfClosing) this.closeTag(name);
	}

	private closeTag(name: string): void {
		if (name === 'sheetData') this.inSheetData = false;
		else if (name === 'row') this.closeRow();
		else if (name === 'c') this.closeCell();
	}

	private openRow(attributes: string): void {
		const { r, s: style } = readAttributes(attributes);
		const number = parseInt(r ?? '', 10);
		// Excel may leave out the number of a row that follows the previous one
		this.row = { number: Number.isNaN(number) ? this.lastRowNumber + 1 : number, cells: [] };
		this.lastRowNumber = this.row.number;
		this.lastColumn = 0;
		this.rowNumFmt = style ? (this.formatOf(parseInt(style, 10)) ?? undefined) : undefined;
	}

	private closeRow(): void {
		if (!this.row) return;
		this.rows.push(this.row);
		this.row = null;
	}

	private openCell(attributes: string): void {
		const { r: ref, s, t } = readAttributes(attributes);
		// a cell without a reference follows the previous one, as in Excel
		const column = ref ? columnOf(ref) : this.lastColumn + 1;
		this.lastColumn = column;
		const styleId = parseInt(s ?? '', 10);
		// exceljs keeps the row's number format unless the cell names a style of its own
		const own = styleId ? this.formatOf(styleId) : null;
		this.cell = {
			column,
			type: t,
			numFmt: own === null ? this.rowNumFmt : own,
			hasFormula: false,
			value: null
		};
		this.textTarget = null;
	}

	private closeCell(): void {
		const cell = this.cell;
		this.cell = null;
		this.textTarget = null;
		if (!cell || !this.row) return;
		const value = this.convert(cell);
		if (value === null) return;
		if (cell.column > this.options.maxColumns) {
			throw new InputError(
				`${this.options.fileName} has more than ${this.options.maxColumns} columns (row ${this.row.number} reaches column ${cell.column})`,
				'too-many-columns'
			);
		}
		const cells = this.row.cells;
		while (cells.length < cell.column - 1) cells.push(null);
		cells[cell.column - 1] = value;
	}

	/** exceljs's value for the cell, then the reader's reading of that value (cached formula results). */
	private convert(cell: OpenCell): CellValue {
		const text = cell.value;
		if (cell.hasFormula) {
			if (text === null) return null;
			// error results arrive as their text, as with the error cells (t="e") below
			if (cell.type === 'str' || cell.type === 'e') return exceljsXmlDecode(text) || null;
			const result = parseFloat(text);
			if (!Number.isFinite(result)) return null;
			return isDateFormat(cell.numFmt) ? convertSerialToDate(result, this.options.cell.date1904) : result;
		}
		if (text === null) return null;
		switch (cell.type) {
			case 's':
				return readSharedString(this.options.sharedStrings[parseInt(text, 10)]);
			case 'inlineStr':
			case 'str':
			case 'e':
				return exceljsXmlDecode(text) || null;
			case 'b':
				return parseInt(text, 10) !== 0;
			default: {
				const number = parseFloat(text);
				if (!isExceljsDateFormat(cell.numFmt)) return Number.isFinite(number) ? number : null;
				const assumed = this.options.exceljsAssumed1904 ? 1_462 : 0;
				const time = Math.round((number - 25_569 + assumed) * DAY_MS) + this.options.cell.dateCorrectionMs;
				return Number.isNaN(time) ? null : new Date(time);
			}
		}
	}

	/** The number format of a style; null when the workbook has no such style. */
	private formatOf(styleId: number): string | undefined | null {
		let format = this.styleFormats.get(styleId);
		if (format === undefined && !this.styleFormats.has(styleId)) {
			const model = this.options.styles?.getStyleModel(styleId) ?? null;
			format = model === null ? null : model.numFmt;
			this.styleFormats.set(styleId, format);
		}
		return format;
	}
}

function endAfter(text: string, marker: string, from: number): number {
	const end = text.indexOf(marker, from);
	return end === -1 ? -1 : end + marker.length;
}

function isNameEnd(code: number): boolean {
	return code === 0x20 || code === 0x2f || code === 0x0a || code === 0x0d || code === 0x09 || code === 0x3e;
}

/** The attributes r, s and t of a start tag (unprefixed, entities decoded); others are passed over. */
function readAttributes(attributes: string): { r?: string; s?: string; t?: string } {
	const found: { r?: string; s?: string; t?: string } = {};
	let at = 0;
	for (;;) {
		const equals = attributes.indexOf('=', at);
		if (equals === -1) return found;
		let valueStart = equals + 1;
		while (isSpace(attributes.charCodeAt(valueStart))) valueStart++;
		const quote = attributes[valueStart];
		const valueEnd = attributes.indexOf(quote, valueStart + 1);
		if ((quote !== '"' && quote !== "'") || valueEnd === -1) throw new Error('an attribute is not quoted');
		const name = attributes.slice(at, equals).trim();
		if (name === 'r' || name === 's' || name === 't')
			found[name] = decodeXmlEntities(attributes.slice(valueStart + 1, valueEnd));
		at = valueEnd + 1;
	}
}

function isSpace(code: number): boolean {
	return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

/** Character data as an XML parser hands it over: line ends normalised, entities decoded. */
function decodeText(text: string, from: number, to: number): string {
	let part = text.slice(from, to);
	if (part.includes('\r')) part = part.replace(/\r\n?/g, '\n');
	if (!part.includes('&')) return part;
	return part.replace(/&([^;&<]*);?/g, (whole, body: string) => {
		const decoded = whole.endsWith(';') ? decodeXmlEntities(whole) : whole;
		if (decoded === whole) throw new Error(`the sheet XML has an unknown entity &${body}`);
		return decoded;
	});
}

/** 'B12' → 2. */
function columnOf(ref: string): number {
	let column = 0;
	for (let i = 0; i < ref.length; i++) {
		const code = ref.charCodeAt(i) & ~0x20;
		if (code < 0x41 || code > 0x5a) break;
		column = column * 26 + (code - 0x40);
	}
	return column;
}

function readSharedString(item: unknown): CellValue {
	if (typeof item === 'string') return item === '' ? null : item;
	if (item && typeof item === 'object' && 'richText' in item && Array.isArray(item.richText)) {
		let text = '';
		for (const run of item.richText as { text?: string | null }[]) text += run.text ?? '';
		return text || null;
	}
	return null;
}

/** exceljs decodes string cells a second time, after the XML parser did. */
function exceljsXmlDecode(text: string): string {
	if (!text.includes('&')) return text;
	return text.replace(/&([a-z]*);/g, (whole: string) => EXCELJS_ENTITIES[whole] ?? whole);
}

const EXCELJS_ENTITIES: Record<string, string> = {
	'&lt;': '<',
	'&gt;': '>',
	'&amp;': '&',
	'&apos;': "'",
	'&quot;': '"'
};

/** exceljs's test for plain date cells (formula results use isDateFormat). */
function isExceljsDateFormat(format: string | undefined): boolean {
	if (!format) return false;
	const tokens = format.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '');
	return /[ymdhMsb]+/.test(tokens);
}
