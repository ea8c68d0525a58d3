import type { ServerInit } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/database.ts';

/** Opens the database and applies migrations once, before the first request (SPEC §4). */
export const init: ServerInit = async () => {
	await getDatabase();
};
