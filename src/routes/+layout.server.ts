import { loadFilterOptions } from '$lib/server/filter-options.ts';
import { resolveScope } from '$lib/server/scope.ts';

export async function load() {
	return { filterOptions: await loadFilterOptions(resolveScope()) };
}
