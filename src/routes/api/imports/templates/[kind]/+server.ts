import { error } from '@sveltejs/kit';
import { kindNames, type KindName } from '$pipelines/kinds/kind-definition.ts';
import { buildKindTemplate } from '$pipelines/templates/kind-template.ts';
import { buildDownloadHeaders } from '$lib/server/imports/download-headers.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params }) => {
	if (!(kindNames as readonly string[]).includes(params.kind))
		error(404, `No template for "${params.kind}". Kinds: ${kindNames.join(', ')}`);
	const body = await buildKindTemplate(params.kind as KindName);
	return new Response(new Uint8Array(body), {
		headers: buildDownloadHeaders(`courtyard-${params.kind}-template.xlsx`, 'xlsx')
	});
};
