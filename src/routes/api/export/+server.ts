import { error } from '@sveltejs/kit';
import { buildExportFile, exportLimits } from '$lib/server/export/export-request.ts';
import type { RequestHandler } from './$types';

/** Turns the table a page shows into a CSV or XLSX download (body: `{ format, table }`). */
export const POST: RequestHandler = async ({ request }) => {
	if (Number(request.headers.get('content-length') ?? 0) > exportLimits.maxBodyBytes)
		error(413, 'Export too large');
	// Chunked bodies carry no length header, so the bytes read are counted too.
	const bytes = await request.arrayBuffer();
	if (bytes.byteLength > exportLimits.maxBodyBytes) error(413, 'Export too large');
	let body: unknown;
	try {
		body = JSON.parse(new TextDecoder().decode(bytes));
	} catch {
		error(400, 'The body is not JSON');
	}
	const file = await buildExportFile(body);
	if (!file.ok) error(file.status, file.message);
	return new Response(file.body as BodyInit, {
		headers: {
			'content-type': file.contentType,
			'content-disposition': file.contentDisposition,
			'cache-control': 'no-store',
			'x-content-type-options': 'nosniff'
		}
	});
};
