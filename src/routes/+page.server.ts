import { loadIngestOverview } from '$lib/server/ingest-overview.ts';
import { resolveScope } from '$lib/server/scope.ts';

export async function load() {
	return { overview: await loadIngestOverview(resolveScope()) };
}
