import { m } from '$lib/paraglide/messages.js';

/** The pages in the navigation; a page appears here only once it exists (no dead links). */
export const navLinks = [
	{ path: '/', label: m.nav_overview, dashboard: true },
	{ path: '/complaints', label: m.nav_complaints, dashboard: true },
	{ path: '/timeliness', label: m.nav_timeliness, dashboard: true },
	{ path: '/imports', label: m.nav_imports, dashboard: false }
] as const;

/** Query keys that belong to one page's drill-down, not to the shared dashboard filters. */
const pageOnlyKeys = ['page', 'sort', 'dir'];

/** The query a link to another dashboard page carries: the filters, not this page's table state. */
export function keepFilters(search: URLSearchParams): string {
	const kept = new URLSearchParams(search);
	for (const key of pageOnlyKeys) kept.delete(key);
	const query = kept.toString();
	return query ? `?${query}` : '';
}
