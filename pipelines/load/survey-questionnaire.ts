import type { DuckDBConnection } from '@duckdb/node-api';
import { z } from 'zod';
import { queryRows, runInTransaction } from '../db/database.ts';
import { surveyDimensions, surveyScales, type SurveyScale } from '../kinds/survey-answers.ts';
import { buildScoreSql } from './survey-load.ts';

/** An edit the questionnaire refuses (unknown wave or question, a value out of bounds); nothing was changed. */
export class QuestionnaireEditError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'QuestionnaireEditError';
	}
}

/** Free text from a form: trimmed, and an empty field clears the value. */
function optionalText(max: number) {
	return z
		.string()
		.trim()
		.max(max)
		.transform((text) => (text === '' ? null : text))
		.nullable();
}

const isoDate = z
	.string()
	.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
	.refine((text) => {
		const date = new Date(`${text}T00:00:00Z`);
		return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
	}, 'is not a calendar date');

/** What describes how a wave was run (SPEC §5: method and base are shown beside every survey figure). */
export const waveDetailsSchema = z
	.object({
		name: z.string().trim().min(1).max(200),
		year: z.number().int().min(1900).max(2200).nullable(),
		fieldwork_start: isoDate.nullable(),
		fieldwork_end: isoDate.nullable(),
		method: optionalText(200),
		sample_frame: optionalText(500),
		units_surveyed: z.number().int().positive().nullable(),
		weighted: z.boolean(),
		exclusions: optionalText(1000),
		incentives: optionalText(500)
	})
	.partial()
	.strict();

export type WaveDetailsChanges = z.input<typeof waveDetailsSchema>;

export interface WaveDetails {
	id: string;
	name: string;
	year: number | null;
	fieldwork_start: string | null;
	fieldwork_end: string | null;
	method: string | null;
	sample_frame: string | null;
	units_surveyed: number | null;
	weighted: boolean;
	exclusions: string | null;
	incentives: string | null;
}

const tsmCode = /^TP(?:0[1-9]|1[0-2])$/;

/** What an editor may change about one question of a wave; its code is its identity and stays. */
export const questionChangesSchema = z
	.object({
		text_zh: optionalText(500),
		text_en: optionalText(500),
		dimension: z.enum(surveyDimensions).nullable(),
		scale: z.enum(surveyScales),
		screening_code: z.string().trim().min(1).max(16).nullable(),
		tsm_code: z.string().trim().regex(tsmCode, 'must be a TSM code TP01 … TP12').nullable(),
		version: z.number().int().positive()
	})
	.partial()
	.strict();

export type QuestionChanges = z.input<typeof questionChangesSchema>;

export interface SurveyQuestionRecord {
	wave_id: string;
	code: string;
	position: number;
	text_zh: string | null;
	text_en: string | null;
	dimension: string | null;
	scale: SurveyScale;
	screening_code: string | null;
	tsm_code: string | null;
	version: number;
}

function parseChanges<T extends z.ZodType>(schema: T, changes: unknown, subject: string): z.output<T> {
	const parsed = schema.safeParse(changes);
	if (parsed.success) return parsed.data;
	const problems = parsed.error.issues.map(
		(issue) => `${issue.path.join('.') || 'changes'}: ${issue.message}`
	);
	throw new QuestionnaireEditError(`${subject}: ${problems.join('; ')}.`);
}

async function readWave(connection: DuckDBConnection, waveId: string): Promise<WaveDetails | null> {
	const [wave] = await queryRows<WaveDetails>(
		connection,
		`SELECT id, name, year, fieldwork_start::VARCHAR AS fieldwork_start, fieldwork_end::VARCHAR AS fieldwork_end,
			method, sample_frame, units_surveyed, coalesce(weighted, false) AS weighted, exclusions, incentives
			FROM survey_waves WHERE id = $wave`,
		{ wave: waveId }
	);
	return wave ?? null;
}

/** Changes the given details of a wave (the others stay), in one transaction; returns the wave as stored. */
export async function updateWaveDetails(
	connection: DuckDBConnection,
	waveId: string,
	details: WaveDetailsChanges
): Promise<WaveDetails> {
	const changes = parseChanges(waveDetailsSchema, details, `Survey wave ${waveId}`);
	return runInTransaction(connection, async () => {
		const current = await readWave(connection, waveId);
		if (!current) throw new QuestionnaireEditError(`There is no survey wave ${waveId}.`);
		const next = { ...current, ...changes };
		if (next.fieldwork_start && next.fieldwork_end && next.fieldwork_start > next.fieldwork_end) {
			throw new QuestionnaireEditError(
				`Survey wave ${waveId}: fieldwork cannot end (${next.fieldwork_end}) before it starts (${next.fieldwork_start}).`
			);
		}
		const [clash] = await queryRows<{ id: string }>(
			connection,
			'SELECT id FROM survey_waves WHERE id <> $wave AND (name = $name OR id = $name) LIMIT 1',
			{ wave: waveId, name: next.name }
		);
		if (clash)
			throw new QuestionnaireEditError(`Another survey wave (${clash.id}) is already called ${next.name}.`);
		await connection.run(
			`UPDATE survey_waves SET name = $name, year = $year, fieldwork_start = $start::DATE,
				fieldwork_end = $end::DATE, method = $method, sample_frame = $frame, units_surveyed = $units,
				weighted = $weighted, exclusions = $exclusions, incentives = $incentives WHERE id = $wave`,
			{
				wave: waveId,
				name: next.name,
				year: next.year,
				start: next.fieldwork_start,
				end: next.fieldwork_end,
				method: next.method,
				frame: next.sample_frame,
				units: next.units_surveyed,
				weighted: next.weighted,
				exclusions: next.exclusions,
				incentives: next.incentives
			}
		);
		return (await readWave(connection, waveId))!;
	});
}

async function readQuestion(
	connection: DuckDBConnection,
	waveId: string,
	code: string
): Promise<SurveyQuestionRecord | null> {
	const [question] = await queryRows<SurveyQuestionRecord>(
		connection,
		`SELECT wave_id, code, position, text_zh, text_en, dimension, scale, screening_code, tsm_code, version
			FROM survey_questions WHERE wave_id = $wave AND code = $code`,
		{ wave: waveId, code }
	);
	return question ?? null;
}

/** The rules that tie a question to the rest of its wave's questionnaire; each broken one is refused. */
async function checkQuestionLinks(
	connection: DuckDBConnection,
	current: SurveyQuestionRecord,
	next: SurveyQuestionRecord
): Promise<void> {
	const subject = `Question ${current.code} of wave ${current.wave_id}`;
	if (next.screening_code !== null && next.screening_code !== current.screening_code) {
		if (next.screening_code === current.code)
			throw new QuestionnaireEditError(`${subject} cannot screen its own respondents.`);
		const screening = await readQuestion(connection, current.wave_id, next.screening_code);
		if (!screening) {
			throw new QuestionnaireEditError(
				`${subject}: the wave has no question ${next.screening_code} to screen by.`
			);
		}
		if (screening.scale !== 'yes_no') {
			throw new QuestionnaireEditError(
				`${subject}: ${screening.code} is not a yes/no question (its scale is ${screening.scale}), so it cannot screen.`
			);
		}
	}
	if (current.scale === 'yes_no' && next.scale !== 'yes_no') {
		const screened = await queryRows<{ code: string }>(
			connection,
			'SELECT code FROM survey_questions WHERE wave_id = $wave AND screening_code = $code ORDER BY position',
			{ wave: current.wave_id, code: current.code }
		);
		if (screened.length > 0) {
			throw new QuestionnaireEditError(
				`${subject} screens ${screened.map((q) => q.code).join(', ')}: it must stay a yes/no question until they no longer use it.`
			);
		}
	}
	if (next.tsm_code !== null && next.tsm_code !== current.tsm_code) {
		const [other] = await queryRows<{ code: string }>(
			connection,
			'SELECT code FROM survey_questions WHERE wave_id = $wave AND tsm_code = $tsm AND code <> $code LIMIT 1',
			{ wave: current.wave_id, tsm: next.tsm_code, code: current.code }
		);
		if (other)
			throw new QuestionnaireEditError(
				`${subject}: ${other.code} already carries ${next.tsm_code} in this wave.`
			);
	}
}

/**
 * Changes the given fields of one question of a wave, in one transaction. A new scale re-scores the
 * question's stored answers (and the replaced ones a rollback would restore) the way a load scores them.
 */
export async function updateSurveyQuestion(
	connection: DuckDBConnection,
	waveId: string,
	code: string,
	changes: QuestionChanges
): Promise<SurveyQuestionRecord> {
	const parsed = parseChanges(questionChangesSchema, changes, `Question ${code} of wave ${waveId}`);
	return runInTransaction(connection, async () => {
		const current = await readQuestion(connection, waveId, code);
		if (!current) {
			const wave = await readWave(connection, waveId);
			throw new QuestionnaireEditError(
				wave ? `Survey wave ${waveId} has no question ${code}.` : `There is no survey wave ${waveId}.`
			);
		}
		const next: SurveyQuestionRecord = { ...current, ...parsed };
		await checkQuestionLinks(connection, current, next);
		const params = { wave: waveId, code };
		await connection.run(
			`UPDATE survey_questions SET text_zh = $zh, text_en = $en, dimension = $dimension, scale = $scale,
				screening_code = $screening, tsm_code = $tsm, version = $version WHERE wave_id = $wave AND code = $code`,
			{
				...params,
				zh: next.text_zh,
				en: next.text_en,
				dimension: next.dimension,
				scale: next.scale,
				screening: next.screening_code,
				tsm: next.tsm_code,
				version: next.version
			}
		);
		if (next.scale !== current.scale) {
			for (const table of ['survey_answers', 'survey_answers_history']) {
				await connection.run(
					`UPDATE ${table} SET score = ${buildScoreSql('answer_code', '$scale')}
						WHERE wave_id = $wave AND question_code = $code`,
					{ ...params, scale: next.scale }
				);
			}
		}
		return (await readQuestion(connection, waveId, code))!;
	});
}
