import type { KpiTile } from '$lib/server/dashboards/kpi-tiles.ts';
import {
	formatDecimal,
	formatInteger,
	formatPercent,
	formatPointChange,
	formatRelativeChange
} from '$lib/i18n/format.ts';

export function formatKpiValue(tile: Pick<KpiTile, 'format'>, value: number | null): string {
	if (tile.format === 'percent') return formatPercent(value);
	if (tile.format === 'decimal') return formatDecimal(value, 2);
	return formatInteger(value);
}

export interface KpiDelta {
	text: string;
	/** Whether the change is good news, bad news, or neither (no change or no comparison). */
	tone: 'better' | 'worse' | 'flat' | 'none';
}

/**
 * A tile's change against a comparison value: rates in percentage points, counts relative.
 * Whether up is good depends on the figure (fewer complaints is better).
 */
export function describeKpiDelta(
	tile: Pick<KpiTile, 'format' | 'better'>,
	value: number | null,
	base: number | null
): KpiDelta {
	if (value === null || base === null) return { text: '—', tone: 'none' };
	const change = tile.format === 'percent' ? value - base : base === 0 ? null : (value - base) / base;
	if (change === null) return { text: '—', tone: 'none' };
	const text = tile.format === 'percent' ? formatPointChange(change) : formatRelativeChange(change);
	if (Math.abs(change) < 1e-9) return { text, tone: 'flat' };
	const up = change > 0;
	return { text, tone: up === (tile.better === 'higher') ? 'better' : 'worse' };
}
