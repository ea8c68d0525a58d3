/**
 * Links that change some of the page's state and keep the rest: a chart click narrows the filters, a
 * table header re-sorts. Narrowing a filter starts the drill-down again at its first page.
 */
export function buildFilterLink(
	search: URLSearchParams,
	changes: Record<string, string | string[] | null>
): string {
	const next = new URLSearchParams(search);
	const touchesFilters = Object.keys(changes).some((key) => !['page', 'sort', 'dir'].includes(key));
	if (touchesFilters) next.delete('page');
	for (const [key, value] of Object.entries(changes)) {
		next.delete(key);
		if (value === null) continue;
		for (const item of Array.isArray(value) ? value : [value]) next.append(key, item);
	}
	const query = next.toString();
	return query ? `?${query}` : '?';
}

/** The filter form as a link: empty fields are left out, so the URL names only what was chosen. */
export function buildFormLink(form: FormData): string {
	const query = new URLSearchParams();
	for (const [key, value] of form) if (typeof value === 'string' && value !== '') query.append(key, value);
	return `?${query}`;
}
