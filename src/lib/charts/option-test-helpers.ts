import type { ChartSpec } from './chart-spec.ts';

interface SeriesShape {
	type: string;
	name?: string;
	data: unknown[];
	markPoint?: { data: { coord: [string, number]; value: number }[] };
	markLine?: { data: { xAxis: string }[] };
}

/** Reads a builder's option the way echarts will, for tests comparing it with the table. */
export function readSeries(spec: ChartSpec): SeriesShape[] {
	return (spec.option as { series: SeriesShape[] }).series;
}

export function readAxisData(spec: ChartSpec, axis: 'xAxis' | 'yAxis'): unknown[] {
	const value = (spec.option as Record<string, { data: unknown[] } | { data: unknown[] }[]>)[axis];
	return Array.isArray(value) ? value[0].data : value.data;
}

export function readColumn(spec: ChartSpec, key: string): unknown[] {
	return spec.table.rows.map((row) => row[key]);
}
