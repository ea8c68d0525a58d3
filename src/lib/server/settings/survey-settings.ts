import type { DuckDBConnection } from '@duckdb/node-api';
import { z } from 'zod';
import { queryRows } from '$pipelines/db/database.ts';

/** The scales a satisfaction rate is computed on (screening yes/no questions have none). */
export const ratedScales = ['likert5', 'sat3', 'score0_10'] as const;
export type RatedScale = (typeof ratedScales)[number];

const scaleThresholds = z.object({ likert5: z.number(), sat3: z.number(), score0_10: z.number() });

/**
 * A calibre (口径): which scores count as satisfied and which as dissatisfied on each scale. Scores are
 * the stored ones (likert5 1–5, sat3 1–3, score0_10 0–10); non-answers are never in the base.
 */
export const surveyCalibreSchema = z.object({
	id: z.string().regex(/^[a-z0-9_-]{1,32}$/),
	name: z.object({ zh: z.string().min(1), en: z.string().min(1) }),
	description: z.object({ zh: z.string(), en: z.string() }),
	/** Lowest score counted satisfied. */
	satisfiedFrom: scaleThresholds,
	/** Highest score counted dissatisfied. */
	dissatisfiedTo: scaleThresholds
});
export type SurveyCalibre = z.infer<typeof surveyCalibreSchema>;

/** SPEC §5 default: top-2 boxes over answers on the scale (the UK Tenant Satisfaction Measures rule). */
export const defaultCalibre: SurveyCalibre = {
	id: 'top2',
	name: { zh: '默认口径（前两档）', en: 'Default (top two)' },
	description: {
		zh: '满意 = 非常满意 + 满意（5 点量表 4–5 分；3 点量表 满意、基本满意；0–10 分 7–10 分）÷ 量表内有效回答；不适用、不清楚、拒答、空白不计入分母。',
		en: 'Satisfied = very + fairly satisfied (5-point 4–5; 3-point satisfied or basically satisfied; 0–10 scores 7–10) ÷ answers on the scale; N/A, don’t know, refused and blank are left out of the base.'
	},
	satisfiedFrom: { likert5: 4, sat3: 2, score0_10: 7 },
	dissatisfiedTo: { likert5: 2, sat3: 1, score0_10: 3 }
};

/** The alternative many sites report: 一般 / neutral counts as satisfied. */
export const neutralSatisfiedCalibre: SurveyCalibre = {
	id: 'top3',
	name: { zh: '含“一般”口径', en: 'Neutral counted satisfied' },
	description: {
		zh: '满意 = 非常满意 + 满意 + 一般（5 点量表 3–5 分；3 点量表 满意、基本满意；0–10 分 4–10 分）÷ 量表内有效回答。',
		en: 'Satisfied = very + fairly satisfied + neither (5-point 3–5; 3-point satisfied or basically satisfied; 0–10 scores 4–10) ÷ answers on the scale.'
	},
	satisfiedFrom: { likert5: 3, sat3: 2, score0_10: 4 },
	dissatisfiedTo: { likert5: 2, sat3: 1, score0_10: 3 }
};

export interface SurveySettings {
	/** The default first; a site may declare more (settings key 'survey', field `calibres`). */
	calibres: SurveyCalibre[];
	/** Cells with fewer valid answers are greyed with their n and never ranked. */
	smallSampleThreshold: number;
	/** A year-over-year change is significant below this p-value (two-proportion z-test). */
	significanceLevel: number;
	/** Margins the sample-size planner sizes for; the first is each area's target. */
	plannerMargins: number[];
}

export const defaultSurveySettings: SurveySettings = {
	calibres: [defaultCalibre, neutralSatisfiedCalibre],
	smallSampleThreshold: 30,
	significanceLevel: 0.05,
	plannerMargins: [0.05, 0.04, 0.03]
};

const storedSurveySettingsSchema = z.object({
	calibres: z.array(surveyCalibreSchema).optional(),
	smallSampleThreshold: z.number().int().positive().optional(),
	significanceLevel: z.number().gt(0).lt(1).optional(),
	plannerMargins: z.array(z.number().gt(0).lt(1)).min(1).optional()
});

/** The site's survey settings: stored overrides on top of the defaults; declared calibres join the built-in ones. */
export async function loadSurveySettings(connection: DuckDBConnection): Promise<SurveySettings> {
	const rows = await queryRows<{ value: string }>(
		connection,
		"SELECT value::VARCHAR AS value FROM settings WHERE key = 'survey' ORDER BY updated_at DESC LIMIT 1"
	);
	if (rows.length === 0) return defaultSurveySettings;
	const stored = storedSurveySettingsSchema.parse(JSON.parse(rows[0].value));
	const declared = (stored.calibres ?? []).filter(
		(calibre) => !defaultSurveySettings.calibres.some((builtIn) => builtIn.id === calibre.id)
	);
	return {
		...defaultSurveySettings,
		...stored,
		calibres: [...defaultSurveySettings.calibres, ...declared]
	};
}

/** The calibre a view asked for, or the default when the id is unknown to this site. */
export function pickCalibre(settings: SurveySettings, id: string | undefined): SurveyCalibre {
	return settings.calibres.find((calibre) => calibre.id === id) ?? settings.calibres[0];
}
