import { z } from 'zod';

/** The compare-with value that turns the comparison off (an empty field means "the default"). */
export const noComparison = 'none';

const code = z
	.string()
	.trim()
	.regex(/^[A-Za-z0-9_-]{1,40}$/, 'use a code');
const waveId = z.string().trim().min(1).max(100);

/**
 * The survey page's own state in the URL, beside the shared dashboard filters (areas): which wave, which
 * wave it is compared with, the calibre (口径), and the comment search. Links to other pages drop it.
 */
export const surveyViewParamsSchema = z.object({
	/** Default: the latest wave. */
	wave: waveId.optional(),
	/** Default: the wave before `wave` by year. */
	compareWave: waveId.optional(),
	/** Default: the site's default calibre; an id the site does not declare is an error. */
	calibre: code.optional(),
	commentText: z.string().trim().max(100).optional(),
	commentQuestion: code.optional(),
	commentAnswer: z.enum(['any', 'satisfied', 'dissatisfied']).default('any'),
	commentPage: z.coerce.number().int().min(1).max(100_000).default(1)
});

export type SurveyViewParams = z.infer<typeof surveyViewParamsSchema>;

export const surveyViewKeys = Object.keys(surveyViewParamsSchema.shape) as (keyof SurveyViewParams)[];

export type SurveyViewParseResult = { ok: true; params: SurveyViewParams } | { ok: false; message: string };

/** Reads the survey view from a URL's query; empty form fields mean "not set". */
export function parseSurveyViewParams(search: URLSearchParams): SurveyViewParseResult {
	const raw: Record<string, string> = {};
	for (const key of surveyViewKeys) {
		const value = search.get(key);
		if (value !== null && value !== '') raw[key] = value;
	}
	const parsed = surveyViewParamsSchema.safeParse(raw);
	if (parsed.success) return { ok: true, params: parsed.data };
	const reason = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
	return { ok: false, message: `Invalid survey parameter — ${reason}` };
}
