import type { Handle, ServerInit } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/database.ts';
import { paraglideMiddleware } from '$lib/paraglide/server.js';

/** Opens the database and applies migrations once, before the first request (SPEC §4). */
export const init: ServerInit = async () => {
	await getDatabase();
};

/** Resolves the reader's UI language for the request so server-rendered text and `<html lang>` agree. */
export const handle: Handle = ({ event, resolve }) => {
	// The middleware clones the request; a cloned body is a tee whose unread half would buffer a whole
	// upload in memory. The import API answers in JSON and needs no UI language.
	if (event.url.pathname.startsWith('/api/imports')) return resolve(event);
	return paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		return resolve(event, { transformPageChunk: ({ html }) => html.replace('%lang%', locale) });
	});
};
