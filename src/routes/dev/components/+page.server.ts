import { error } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';

/** The component showcase holds fixture text, not product UI: served only where tests ask for it. */
export function load() {
	if (env.COURTYARD_COMPONENT_DEMO !== '1') error(404, 'Not found');
}
