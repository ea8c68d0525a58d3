import { surveyViewKeys } from '$lib/filters/survey-view-params.ts';
import { m } from '$lib/paraglide/messages.js';

/** The pages in the navigation; a page appears here only once it exists (no dead links). */
export const navLinks = [
	{ path: '/', label: m.nav_overview, dashboard: true },
	{ path: '/complaints', label: m.nav_complaints, dashboard: true },
	{ path: '/timeliness', label: m.nav_timeliness, dashboard: true },
	{ path: '/satisfaction', label: m.nav_satisfaction, dashboard: false },
	{ path: '/arrears', label: m.nav_arrears, dashboard: true },
	{ path: '/imports', label: m.nav_imports, dashboard: false }
] as const;

/**
 * Pages that show the shared filter bar (period, places, complaint filters): the dashboard entries of the
 * navigation plus sub-pages reached through a page's own tabs. The survey page has its own controls (waves
 * have no period).
 */
const filterBarPaths = new Set<string>([
	...navLinks.filter((link) => link.dashboard).map((link) => link.path),
	'/satisfaction/return-visits'
]);

export function showsFilterBar(pathname: string): boolean {
	return filterBarPaths.has(pathname);
}

/** Query keys that belong to one page's drill-down, not to the shared dashboard filters. */
const pageOnlyKeys = ['page', 'sort', 'dir', ...surveyViewKeys];

/** The query a link to another dashboard page carries: the filters, not this page's table state. */
export function keepFilters(search: URLSearchParams): string {
	const kept = new URLSearchParams(search);
	for (const key of pageOnlyKeys) kept.delete(key);
	const query = kept.toString();
	return query ? `?${query}` : '';
}
