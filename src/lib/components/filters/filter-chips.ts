import type { DashboardFilters } from '$lib/filters/dashboard-filters.ts';
import { labelEnumeration } from '$lib/i18n/enum-labels.ts';
import { m } from '$lib/paraglide/messages.js';

export interface FilterChip {
	key: string;
	value: string;
	/** What the chip says, in the UI language: "片区: 锦绣江南". */
	label: string;
}

const listFilters = [
	{ key: 'area', title: m.filter_area, show: (value: string) => value },
	{ key: 'building', title: m.filter_building, show: (value: string) => value },
	{ key: 'category', title: m.filter_category, show: (value: string) => labelEnumeration('category', value) },
	{ key: 'channel', title: m.filter_channel, show: (value: string) => labelEnumeration('channel', value) },
	{ key: 'severity', title: m.filter_severity, show: (value: string) => labelEnumeration('severity', value) },
	{ key: 'department', title: m.filter_department, show: (value: string) => value }
] as const;

/** The filters that narrow the page beyond its period, one chip per value, each removable on its own. */
export function listFilterChips(filters: DashboardFilters): FilterChip[] {
	const chips: FilterChip[] = [];
	for (const filter of listFilters) {
		for (const value of filters[filter.key]) {
			chips.push({ key: filter.key, value, label: `${filter.title()}: ${filter.show(value)}` });
		}
	}
	if (filters.validity !== 'valid') {
		chips.push({
			key: 'validity',
			value: filters.validity,
			label: `${m.filter_validity()}: ${labelEnumeration('validity', filters.validity)}`
		});
	}
	return chips;
}

/** The current URL without one chip's value: the chip's remove link. */
export function removeFilterValue(search: URLSearchParams, chip: FilterChip): string {
	const next = new URLSearchParams();
	for (const [key, value] of search) {
		if (key === 'page') continue;
		if (key === chip.key && value === chip.value) continue;
		next.append(key, value);
	}
	const query = next.toString();
	return query ? `?${query}` : '?';
}
