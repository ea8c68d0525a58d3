import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { queryRows } from '$pipelines/db/database.ts';
import { maskPersonalText } from '../privacy/free-text-masking.ts';
import { buildScopeCondition, type AreaScope } from '../scope.ts';
import { ratedScales, type RatedScale, type SurveyCalibre } from '../settings/survey-settings.ts';

export interface SurveyCommentQuery {
	waveId: string;
	/** Empty: every area in the caller's scope. */
	areas: string[];
	/** Case-insensitive substring; null or blank: no text filter. */
	text: string | null;
	/** Keeps respondents who answered this question (a non-answer such as 不清楚 counts, a blank does not). */
	questionCode: string | null;
	/** Narrows the question's answers by the calibre; ignored without a question or on a yes/no question. */
	answerGroup: 'any' | 'satisfied' | 'dissatisfied';
	page: number;
	pageSize: number;
}

export interface SurveyComment {
	respondentId: string;
	area: string;
	building: string | null;
	responseDate: string | null;
	/** Masked: personal data written into the comment never leaves the server. */
	comment: string;
	/** The respondent's answer to the chosen question; null when no question is chosen. */
	answer: { code: string; score: number | null } | null;
}

export interface SurveyCommentPage {
	total: number;
	page: number;
	pageSize: number;
	rows: SurveyComment[];
}

interface CommentRow {
	respondentId: string;
	area: string;
	building: string | null;
	responseDate: string | null;
	comment: string;
	answerCode: string | null;
	answerScore: number | null;
}

/**
 * Verbatim comments of one wave, newest first, one page at a time. Unit codes are left out on purpose:
 * a comment next to its unit names a household, while area and building do not.
 *
 * A comment matches the search text when its original text contains it AND the match is still there
 * once both are masked. So searching a whole phone number finds the comments that mention it (shown
 * masked), but searching the hidden middle digits finds nothing — otherwise the counts would let a
 * reader recover a masked number one digit at a time.
 */
export async function searchSurveyComments(
	connection: DuckDBConnection,
	query: SurveyCommentQuery,
	scope: AreaScope,
	calibre: SurveyCalibre
): Promise<SurveyCommentPage> {
	if (!Number.isInteger(query.page) || !Number.isInteger(query.pageSize) || query.pageSize < 1)
		throw new RangeError(`page ${query.page} and page size ${query.pageSize} must be positive integers`);
	const answerJoin = await buildAnswerJoin(connection, query, calibre);
	if (answerJoin === null) return { total: 0, page: 1, pageSize: query.pageSize, rows: [] };
	const needle = query.text?.trim() || null;
	const scopeCondition = buildScopeCondition(scope, 'r.area');
	const conditions = ['r.wave_id = $wave', "trim(r.comments) <> ''", scopeCondition.sql];
	const params: Record<string, DuckDBValue> = {
		wave: query.waveId,
		...scopeCondition.params,
		...answerJoin.params
	};
	if (query.areas.length > 0) {
		conditions.push('r.area IN (SELECT unnest($areas::VARCHAR[]))');
		params.areas = JSON.stringify(query.areas);
	}
	// A bound needle in contains(): no LIKE pattern, so % _ and \ in the user's text are plain characters.
	if (needle !== null) {
		conditions.push('contains(lower(r.comments), lower($needle))');
		params.needle = needle;
	}
	const from = `FROM survey_respondents r ${answerJoin.sql} WHERE ${conditions.join(' AND ')}`;
	const select = `SELECT r.respondent_id AS "respondentId", r.area, r.building,
			strftime(r.response_date, '%Y-%m-%d') AS "responseDate", r.comments AS comment,
			${answerJoin.columns} ${from}
		ORDER BY r.response_date DESC NULLS LAST, r.respondent_id`;

	if (needle === null) {
		const [{ total }] = await queryRows<{ total: number }>(
			connection,
			`SELECT count(*)::INTEGER AS total ${from}`,
			params
		);
		const page = clampPage(query.page, total, query.pageSize);
		const rows = await queryRows<CommentRow>(connection, `${select} LIMIT $limit OFFSET $offset`, {
			...params,
			limit: query.pageSize,
			offset: (page - 1) * query.pageSize
		});
		return { total, page, pageSize: query.pageSize, rows: rows.map(toSurveyComment) };
	}
	// The masked half of the match needs the masking code, so the candidates are paged here.
	const maskedNeedle = maskPersonalText(needle).toLowerCase();
	const matches = (await queryRows<CommentRow>(connection, select, params))
		.map(toSurveyComment)
		.filter((row) => row.comment.toLowerCase().includes(maskedNeedle));
	const page = clampPage(query.page, matches.length, query.pageSize);
	const start = (page - 1) * query.pageSize;
	return {
		total: matches.length,
		page,
		pageSize: query.pageSize,
		rows: matches.slice(start, start + query.pageSize)
	};
}

/** Page 1 up to the last page; an empty result has one, empty, page. */
function clampPage(page: number, total: number, pageSize: number): number {
	return Math.min(Math.max(1, page), Math.max(1, Math.ceil(total / pageSize)));
}

function toSurveyComment(row: CommentRow): SurveyComment {
	return {
		respondentId: row.respondentId,
		area: row.area,
		building: row.building,
		responseDate: row.responseDate,
		comment: maskPersonalText(row.comment),
		answer: row.answerCode === null ? null : { code: row.answerCode, score: row.answerScore }
	};
}

/**
 * How the chosen question narrows the respondents: a join on their answer, limited to the calibre's
 * satisfied or dissatisfied scores on the question's scale. Null when the wave has no such question.
 */
async function buildAnswerJoin(
	connection: DuckDBConnection,
	query: SurveyCommentQuery,
	calibre: SurveyCalibre
): Promise<{ sql: string; columns: string; params: Record<string, DuckDBValue> } | null> {
	if (query.questionCode === null)
		return { sql: '', columns: 'NULL::VARCHAR AS "answerCode", NULL::INTEGER AS "answerScore"', params: {} };
	const questions = await queryRows<{ scale: string }>(
		connection,
		'SELECT scale FROM survey_questions WHERE wave_id = $wave AND code = $question LIMIT 1',
		{ wave: query.waveId, question: query.questionCode }
	);
	if (questions.length === 0) return null;
	const scale = questions[0].scale;
	const params: Record<string, DuckDBValue> = { question: query.questionCode };
	let scoreCondition = '';
	// A yes/no question has no satisfied side: its group filter falls back to any answer.
	if (query.answerGroup !== 'any' && isRatedScale(scale)) {
		if (query.answerGroup === 'satisfied') {
			scoreCondition = 'AND a.score >= $scoreFrom';
			params.scoreFrom = calibre.satisfiedFrom[scale];
		} else {
			scoreCondition = 'AND a.score <= $scoreTo';
			params.scoreTo = calibre.dissatisfiedTo[scale];
		}
	}
	return {
		sql: `JOIN survey_answers a ON a.wave_id = r.wave_id AND a.respondent_id = r.respondent_id
			AND a.question_code = $question AND a.answer_code <> 'blank' ${scoreCondition}`,
		columns: 'a.answer_code AS "answerCode", a.score::INTEGER AS "answerScore"',
		params
	};
}

function isRatedScale(scale: string): scale is RatedScale {
	return (ratedScales as readonly string[]).includes(scale);
}
