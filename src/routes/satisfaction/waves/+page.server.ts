import { error, fail } from '@sveltejs/kit';
import { loadQuestionnairePage } from '$lib/server/dashboards/questionnaire-page.ts';
import { resolveScope } from '$lib/server/scope.ts';
import {
	readQuestionForm,
	readWaveDetailsForm,
	saveSurveyQuestion,
	saveWaveDetails
} from '$lib/server/surveys/questionnaire-service.ts';
import type { Actions } from './$types';

export async function load({ url }) {
	const page = await loadQuestionnairePage(url.searchParams.get('wave') || undefined, resolveScope());
	if (page.unknownWave) error(404, `No survey wave "${page.unknownWave}"`);
	return page;
}

/** Form actions, so SvelteKit's origin check guards the edits against cross-site requests. */
export const actions: Actions = {
	wave: async ({ request }) => {
		const form = await request.formData();
		const waveId = String(form.get('waveId') ?? '');
		const outcome = await saveWaveDetails(waveId, readWaveDetailsForm(form));
		return outcome.ok ? { saved: 'wave' } : fail(400, { error: outcome.message });
	},
	question: async ({ request }) => {
		const form = await request.formData();
		const waveId = String(form.get('waveId') ?? '');
		const code = String(form.get('code') ?? '');
		const outcome = await saveSurveyQuestion(waveId, code, readQuestionForm(form));
		return outcome.ok ? { saved: code } : fail(400, { error: outcome.message });
	}
};
