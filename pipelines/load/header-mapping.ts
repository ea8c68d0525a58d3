import { normaliseHeaderKey } from '../normalise/header-key.ts';
import { normaliseText } from '../normalise/text.ts';
import type { CellValue, SheetRow } from '../readers/sheet-row.ts';
import { InputError } from '../readers/sheet-row.ts';
import { kindNames, type KindDefinition, type KindName } from '../kinds/kind-definition.ts';
import { kindRegistry } from '../kinds/kind-registry.ts';
import { parseQuestionHeader, parseQuestionMapping } from '../kinds/survey-answers.ts';
import { computeHeaderSignature } from './column-mappings.ts';

/** How one source column is used: a field of the kind, a survey question, or ignored. */
export type ColumnRole =
	| { index: number; header: string; role: 'field'; field: string }
	| { index: number; header: string; role: 'question'; code: string; text: string }
	| { index: number; header: string; role: 'ignored' };

/** A question of some wave's questionnaire, as a column header may name it by its text alone. */
export interface KnownQuestion {
	code: string;
	textZh: string | null;
	textEn: string | null;
}

/** Normalised question text → code; built once per file from the known questions, latest wave first. */
export type QuestionTextIndex = ReadonlyMap<string, string>;

/** Indexes known questions by their texts, matched like headers; an earlier (later-wave) entry wins. */
export function indexQuestionTexts(questions: readonly KnownQuestion[] | undefined): QuestionTextIndex {
	const index = new Map<string, string>();
	for (const question of questions ?? []) {
		for (const text of [question.textZh, question.textEn]) {
			const key = text ? normaliseHeaderKey(text) : '';
			if (key !== '' && !index.has(key)) index.set(key, question.code);
		}
	}
	return index;
}

export interface HeaderMapping {
	kind: KindName;
	headerRowNumber: number;
	headerCells: string[];
	columns: ColumnRole[];
	unknownHeaders: string[];
	missingRequired: string[];
}

/** The header row must be among the first rows; a title block above it rarely exceeds a few lines. */
export const headerSearchRows = 30;

const aliasIndexes = new Map<KindName, Map<string, string>>();

function getAliasIndex(kind: KindDefinition): Map<string, string> {
	let index = aliasIndexes.get(kind.kind);
	if (!index) {
		index = new Map();
		for (const field of kind.fields) {
			index.set(normaliseHeaderKey(field.name), field.name);
			for (const alias of field.aliases) {
				const key = normaliseHeaderKey(alias);
				if (!index.has(key)) index.set(key, field.name);
			}
		}
		aliasIndexes.set(kind.kind, index);
	}
	return index;
}

function headerText(cell: CellValue): string {
	return normaliseText(cell) ?? '';
}

/**
 * Maps each column of a header row to the kind's fields; the first column to claim a field wins. A survey's
 * question columns are recognised by a code prefix or, failing that, by a known question's text.
 */
export function mapHeaderRow(
	kind: KindDefinition,
	row: SheetRow,
	remembered?: Record<string, string>,
	questionTexts?: QuestionTextIndex
): HeaderMapping {
	const index = getAliasIndex(kind);
	const taken = new Set<string>();
	const columns: ColumnRole[] = [];
	const unknownHeaders: string[] = [];
	const handMapped = new Set<number>();
	const textMatched = new Set<number>();
	row.cells.forEach((cell, i) => {
		const header = headerText(cell);
		if (!header) return;
		const override = remembered?.[header];
		if (override === '') {
			columns.push({ index: i, header, role: 'ignored' });
			return;
		}
		if (
			override !== undefined &&
			kind.kind === 'surveys' &&
			mapQuestionByHand(i, header, override, columns)
		) {
			handMapped.add(i);
			return;
		}
		const field = override ?? index.get(normaliseHeaderKey(header));
		if (field && !taken.has(field)) {
			taken.add(field);
			columns.push({ index: i, header, role: 'field', field });
			return;
		}
		const question = kind.kind === 'surveys' ? parseQuestionHeader(header) : null;
		if (question) {
			columns.push({ index: i, header, role: 'question', ...question });
			return;
		}
		const known = kind.kind === 'surveys' ? questionTexts?.get(normaliseHeaderKey(header)) : undefined;
		if (known) {
			columns.push({ index: i, header, role: 'question', code: known, text: header });
			textMatched.add(i);
			return;
		}
		columns.push({ index: i, header, role: 'ignored' });
		unknownHeaders.push(header);
	});
	dropRepeatedTextMatches(columns, textMatched, unknownHeaders);
	const missingRequired = kind.fields
		.filter((f) => f.requiredColumn && !taken.has(f.name))
		.map((f) => f.name);
	missingRequired.push(...listRepeatedQuestionCodes(columns, handMapped));
	if (kind.kind === 'surveys' && !columns.some((c) => c.role === 'question'))
		missingRequired.push('questions (Q1, Q2 … columns)');
	return {
		kind: kind.kind,
		headerRowNumber: row.rowNumber,
		headerCells: row.cells.map(headerText),
		columns,
		unknownHeaders,
		missingRequired
	};
}

/**
 * A `question:CODE` mapping makes the column that question, whatever its header says; the text is the
 * header less any code prefix it had (re-coding `Q3 报修维修` keeps 报修维修). Returns false for other values.
 */
function mapQuestionByHand(index: number, header: string, override: string, columns: ColumnRole[]): boolean {
	const code = parseQuestionMapping(override);
	if (code === undefined) return false;
	if (code === null) {
		throw new InputError(
			`The mapping for the column "${header}" (${override}) is not a question code: use question: and a code ` +
				'such as Q7 (a capital letter, then capitals, digits or _; at most 16).',
			'invalid-mapping'
		);
	}
	columns.push({ index, header, role: 'question', code, text: parseQuestionHeader(header)?.text || header });
	return true;
}

/**
 * A column recognised only by its text yields to a column that names the same question by its code (or
 * by hand), and to an earlier column with the same text: it is left unrecognised, as it was before the
 * question was known, rather than giving a respondent two answers to one question.
 */
function dropRepeatedTextMatches(
	columns: ColumnRole[],
	textMatched: Set<number>,
	unknownHeaders: string[]
): void {
	if (textMatched.size === 0) return;
	const coded = new Set(
		columns.flatMap((c) => (c.role === 'question' && !textMatched.has(c.index) ? [c.code] : []))
	);
	columns.forEach((column, position) => {
		if (column.role !== 'question' || !textMatched.has(column.index)) return;
		if (coded.has(column.code)) {
			columns[position] = { index: column.index, header: column.header, role: 'ignored' };
			unknownHeaders.push(column.header);
		} else coded.add(column.code);
	});
}

/**
 * A column mapped by hand to a question another column already is would store two answers to it per
 * respondent: the user must choose. (Files read without a mapping are left as they always were.)
 */
function listRepeatedQuestionCodes(columns: readonly ColumnRole[], handMapped: Set<number>): string[] {
	const headers = new Map<string, string[]>();
	const coded = new Set<string>();
	for (const column of columns) {
		if (column.role !== 'question') continue;
		headers.set(column.code, [...(headers.get(column.code) ?? []), column.header]);
		if (handMapped.has(column.index)) coded.add(column.code);
	}
	return [...headers]
		.filter(([code, list]) => list.length > 1 && coded.has(code))
		.map(([code, list]) => `one column for question ${code} (${list.join(', ')})`);
}

function countRecognised(mapping: HeaderMapping): number {
	return mapping.columns.filter((c) => c.role !== 'ignored').length;
}

/** Whether `other` recognises so many more columns than `reading` (twice as many, and three more) that it wins. */
function isOutweighed(reading: HeaderMapping, other: HeaderMapping): boolean {
	const mine = countRecognised(reading);
	const theirs = countRecognised(other);
	return theirs >= 2 * mine && theirs - mine >= 3;
}

/** The hand-corrected mapping to try for a candidate header row read as a kind, if any. */
export type ChooseOverrides = (kind: KindName, row: SheetRow) => Record<string, string> | undefined;

/**
 * A user's mapping applies to the kinds that have every field it names: a correction made for
 * complaints must not make a file look like fees. A remembered one applies where its signature matches.
 */
export function createOverrideChooser(
	explicit: Record<string, string> | undefined,
	remembered: Record<string, Record<string, string>> | undefined
): ChooseOverrides | undefined {
	if (explicit) {
		return (kind) => {
			const names = new Set(kindRegistry[kind].fields.map((f) => f.name));
			// A column made a question only fits surveys.
			const fits = (value: string) =>
				value === '' || names.has(value) || (kind === 'surveys' && parseQuestionMapping(value) !== undefined);
			return Object.values(explicit).every(fits) ? explicit : undefined;
		};
	}
	if (!remembered || Object.keys(remembered).length === 0) return undefined;
	return (kind, row) => remembered[computeHeaderSignature(kind, row.cells)];
}

/**
 * Finds the header row among the first rows and, when the kind is not given, the kind:
 * the candidate kinds are those whose required columns are all present; the one recognising
 * the most columns wins; a tie is reported with the candidates' names. A kind missing a required column
 * but recognising far more columns than every complete one is reported as that kind with the gap.
 */
export function detectHeader(
	rows: SheetRow[],
	fileName: string,
	kind?: KindName,
	chooseOverrides?: ChooseOverrides,
	questionTexts?: QuestionTextIndex
): HeaderMapping {
	const kinds = kind ? [kind] : kindNames;
	let best: HeaderMapping[] = [];
	let bestScore = 1;
	let closest: HeaderMapping | null = null;
	for (const row of rows.slice(0, headerSearchRows)) {
		for (const name of kinds) {
			const mapping = mapHeaderRow(kindRegistry[name], row, chooseOverrides?.(name, row), questionTexts);
			const score = countRecognised(mapping);
			if (mapping.missingRequired.length > 0) {
				if (!closest || score > countRecognised(closest)) closest = mapping;
				continue;
			}
			if (score > bestScore) {
				best = [mapping];
				bestScore = score;
			} else if (score === bestScore && best.length > 0) {
				best.push(mapping);
			}
		}
		if (best.length > 0) break;
	}
	// A reading that recognises far more columns than the complete ones is what the file really is, with a
	// column to correct: nine complaint columns and an odd 问题归类 header are not a unit register.
	if (closest && best.length > 0 && isOutweighed(best[0], closest)) best = [];
	if (best.length === 1) return best[0];
	if (best.length > 1) {
		throw new InputError(
			`${fileName}: the columns fit more than one kind of record (${best.map((m) => m.kind).join(', ')}); choose the kind.`,
			'ambiguous-kind'
		);
	}
	if (closest && countRecognised(closest) >= 2) {
		const label = kindRegistry[closest.kind].label.en.toLowerCase();
		throw new InputError(
			`${fileName}: looks like ${label} (header on row ${closest.headerRowNumber}) but required columns are missing: ` +
				`${closest.missingRequired.join(', ')}.` +
				(closest.unknownHeaders.length
					? ` Columns not recognised: ${closest.unknownHeaders.join(', ')}.`
					: ''),
			'missing-columns'
		);
	}
	throw new InputError(
		`${fileName}: no header row was recognised in the first ${headerSearchRows} rows` +
			(kind ? ` for ${kindRegistry[kind].label.en.toLowerCase()}` : '') +
			'. Check that the file has a header row with column names such as 投诉时间 / Received at.',
		kind ? 'missing-columns' : 'unknown-kind'
	);
}

/**
 * Each kind's best reading of the first rows, most plausible first (all required columns present, then
 * most columns recognised): what a user choosing the kind or correcting the mapping starts from.
 */
export function rankKindCandidates(
	rows: SheetRow[],
	chooseOverrides?: ChooseOverrides,
	questionTexts?: QuestionTextIndex
): HeaderMapping[] {
	const best = new Map<KindName, HeaderMapping>();
	for (const row of rows.slice(0, headerSearchRows)) {
		for (const name of kindNames) {
			const mapping = mapHeaderRow(kindRegistry[name], row, chooseOverrides?.(name, row), questionTexts);
			const previous = best.get(name);
			if (!previous || countRecognised(mapping) > countRecognised(previous)) best.set(name, mapping);
		}
	}
	return [...best.values()]
		.filter((m) => countRecognised(m) >= 2)
		.sort(
			(a, b) =>
				Number(isOutweighed(a, b)) - Number(isOutweighed(b, a)) ||
				Number(a.missingRequired.length > 0) - Number(b.missingRequired.length > 0) ||
				countRecognised(b) - countRecognised(a)
		);
}
