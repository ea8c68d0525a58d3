import { enqueueWrite } from '$pipelines/load/ingest-file.ts';
import {
	QuestionnaireEditError,
	updateSurveyQuestion,
	updateWaveDetails,
	type QuestionChanges,
	type WaveDetailsChanges
} from '$pipelines/load/survey-questionnaire.ts';
import { getDatabase } from '../database.ts';

export type QuestionnaireEditOutcome = { ok: true } | { ok: false; message: string };

function readText(form: FormData, key: string): string | null {
	const value = form.get(key);
	return typeof value === 'string' ? value : null;
}

function readOptionalNumber(form: FormData, key: string): number | null {
	const text = readText(form, key)?.trim() ?? '';
	return text === '' ? null : Number(text);
}

/** The summary-of-approach form as changes (empty fields clear a value); the pipeline's schema judges them. */
export function readWaveDetailsForm(form: FormData): WaveDetailsChanges {
	const text = (key: string) => readText(form, key) ?? '';
	const orNull = (key: string) => (text(key).trim() === '' ? null : text(key).trim());
	return {
		name: text('name'),
		year: readOptionalNumber(form, 'year'),
		fieldwork_start: orNull('fieldwork_start'),
		fieldwork_end: orNull('fieldwork_end'),
		method: text('method'),
		sample_frame: text('sample_frame'),
		units_surveyed: readOptionalNumber(form, 'units_surveyed'),
		weighted: form.get('weighted') === 'on',
		exclusions: text('exclusions'),
		incentives: text('incentives')
	};
}

export function readQuestionForm(form: FormData): QuestionChanges {
	const text = (key: string) => readText(form, key) ?? '';
	const orNull = (key: string) => (text(key).trim() === '' ? null : text(key).trim());
	return {
		text_zh: text('text_zh'),
		text_en: text('text_en'),
		dimension: orNull('dimension') as QuestionChanges['dimension'],
		scale: text('scale') as QuestionChanges['scale'],
		screening_code: orNull('screening_code'),
		tsm_code: orNull('tsm_code'),
		version: readOptionalNumber(form, 'version') ?? undefined
	};
}

/** Edits go through the loader's write queue (DuckDB has one writer); a refused edit is the user's to read. */
async function runEdit(
	edit: (writer: Awaited<ReturnType<typeof getDatabase>>['writer']) => Promise<unknown>
) {
	const db = await getDatabase();
	try {
		await enqueueWrite(db, () => edit(db.writer));
		return { ok: true } as const;
	} catch (error) {
		if (error instanceof QuestionnaireEditError) return { ok: false, message: error.message } as const;
		throw error;
	}
}

export function saveWaveDetails(
	waveId: string,
	changes: WaveDetailsChanges
): Promise<QuestionnaireEditOutcome> {
	return runEdit((writer) => updateWaveDetails(writer, waveId, changes));
}

export function saveSurveyQuestion(
	waveId: string,
	code: string,
	changes: QuestionChanges
): Promise<QuestionnaireEditOutcome> {
	return runEdit((writer) => updateSurveyQuestion(writer, waveId, code, changes));
}
