import { withConnection } from '../database.ts';
import type { AreaScope } from '../scope.ts';
import {
	listSurveyQuestions,
	listSurveyWaves,
	type SurveyQuestion,
	type SurveyWave
} from '../metrics/survey-waves.ts';

export interface QuestionnairePage {
	waves: SurveyWave[];
	wave: SurveyWave | null;
	questions: SurveyQuestion[];
	unknownWave: string | null;
}

/** Every wave with its summary of approach, and the chosen wave's questionnaire (default: the newest). */
export async function loadQuestionnairePage(
	waveId: string | undefined,
	scope: AreaScope
): Promise<QuestionnairePage> {
	return withConnection(async (connection) => {
		const waves = await listSurveyWaves(connection, scope);
		const wave = waveId === undefined ? (waves[0] ?? null) : (waves.find((w) => w.id === waveId) ?? null);
		if (waveId !== undefined && wave === null) return { waves, wave, questions: [], unknownWave: waveId };
		return {
			waves,
			wave,
			questions: wave ? await listSurveyQuestions(connection, [wave.id]) : [],
			unknownWave: null
		};
	});
}
