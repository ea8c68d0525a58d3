import { json } from '@sveltejs/kit';
import { checkDatabaseHealth } from '$lib/server/ingest-overview.ts';

export async function GET() {
	const health = await checkDatabaseHealth();
	return json({ status: health.ok ? 'ok' : 'error', database: health }, { status: health.ok ? 200 : 503 });
}
