import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '$pipelines/db/database.ts';
import type { AreaScope } from '../scope.ts';
import { noComparison } from '$lib/filters/survey-view-params.ts';
import { selectRespondents } from './survey-answer-counts.ts';

/** A wave with its "summary of approach" (what a regulator asks a landlord to publish about its survey). */
export interface SurveyWave {
	id: string;
	name: string;
	year: number | null;
	fieldworkStart: string | null;
	fieldworkEnd: string | null;
	/** The first and last response dates actually loaded, beside the declared fieldwork dates. */
	firstResponse: string | null;
	lastResponse: string | null;
	method: string | null;
	sampleFrame: string | null;
	unitsSurveyed: number | null;
	weighted: boolean;
	exclusions: string | null;
	incentives: string | null;
	/** Respondents in the caller's scope. */
	respondents: number;
	questions: number;
}

export interface SurveyQuestion {
	waveId: string;
	code: string;
	position: number;
	textZh: string | null;
	textEn: string | null;
	dimension: string | null;
	scale: string;
	screeningCode: string | null;
	tsmCode: string | null;
	version: number;
	sourceHeader: string | null;
}

/** Every wave, newest first, with its respondents in the caller's scope. */
export async function listSurveyWaves(connection: DuckDBConnection, scope: AreaScope): Promise<SurveyWave[]> {
	const respondents = selectRespondents({ area: [], building: [] }, scope);
	return queryRows<SurveyWave>(
		connection,
		`WITH answered AS (
				SELECT r.wave_id, count(*)::INTEGER AS respondents, min(r.response_date)::VARCHAR AS first_response,
					max(r.response_date)::VARCHAR AS last_response
				FROM survey_respondents r WHERE ${respondents.sql} GROUP BY ALL),
			asked AS (SELECT wave_id, count(*)::INTEGER AS questions FROM survey_questions GROUP BY ALL)
			SELECT w.id, w.name, w.year, w.fieldwork_start::VARCHAR AS "fieldworkStart",
				w.fieldwork_end::VARCHAR AS "fieldworkEnd", answered.first_response AS "firstResponse",
				answered.last_response AS "lastResponse", w.method, w.sample_frame AS "sampleFrame",
				w.units_surveyed AS "unitsSurveyed", coalesce(w.weighted, false) AS weighted, w.exclusions,
				w.incentives, coalesce(answered.respondents, 0) AS respondents, coalesce(asked.questions, 0) AS questions
			FROM survey_waves w
			LEFT JOIN answered ON answered.wave_id = w.id
			LEFT JOIN asked ON asked.wave_id = w.id
			ORDER BY w.year DESC NULLS LAST, w.created_at DESC`,
		respondents.params
	);
}

/** The questionnaires of the given waves, in questionnaire order. */
export async function listSurveyQuestions(
	connection: DuckDBConnection,
	waveIds: readonly string[]
): Promise<SurveyQuestion[]> {
	if (waveIds.length === 0) return [];
	return queryRows<SurveyQuestion>(
		connection,
		`SELECT wave_id AS "waveId", code, position, text_zh AS "textZh", text_en AS "textEn", dimension, scale,
				screening_code AS "screeningCode", tsm_code AS "tsmCode", version, source_header AS "sourceHeader"
			FROM survey_questions WHERE wave_id IN (SELECT unnest($waves::VARCHAR[]))
			ORDER BY wave_id, position, code`,
		{ waves: JSON.stringify(waveIds) }
	);
}

/**
 * The wave a view shows (the named one, else the newest) and the one it is compared with (the named one,
 * else the newest earlier wave by year). Unknown names are the caller's error.
 */
export function pickSurveyWaves(
	waves: readonly SurveyWave[],
	requested: { wave?: string; compareWave?: string }
): { wave: SurveyWave | null; previous: SurveyWave | null; unknown: string | null } {
	const find = (id: string | undefined) => (id === undefined ? undefined : waves.find((w) => w.id === id));
	const wave = requested.wave === undefined ? (waves[0] ?? null) : (find(requested.wave) ?? null);
	if (requested.wave !== undefined && wave === null)
		return { wave: null, previous: null, unknown: requested.wave };
	if (requested.compareWave === noComparison) return { wave, previous: null, unknown: null };
	if (requested.compareWave !== undefined) {
		const previous = find(requested.compareWave) ?? null;
		if (previous === null) return { wave, previous: null, unknown: requested.compareWave };
		return { wave, previous: previous.id === wave?.id ? null : previous, unknown: null };
	}
	const earlier = waves.filter(
		(w) => wave !== null && w.id !== wave.id && w.year !== null && wave.year !== null && w.year < wave.year
	);
	return { wave, previous: earlier[0] ?? null, unknown: null };
}
