import type { EChartsCoreOption } from 'echarts/core';

export type ChartCellFormat = 'integer' | 'percent' | 'decimal' | 'money' | 'text' | 'day' | 'month';

export interface ChartTableColumn {
	key: string;
	label: string;
	format?: ChartCellFormat;
}

export type ChartTableRow = Record<string, string | number | null>;

/**
 * What a chart draws and the same numbers as a table, built together so the accessible table view and
 * the picture can never disagree.
 */
export interface ChartSpec {
	option: EChartsCoreOption;
	table: { columns: ChartTableColumn[]; rows: ChartTableRow[] };
}

/** What `Chart`'s `onselect` receives: echarts' click parameters, trimmed to what pages use. */
export interface ChartSelectEvent {
	name: string;
	seriesName?: string;
	value: unknown;
	data: unknown;
	dataIndex: number;
}

export type ChartValueFormat = 'integer' | 'percent' | 'decimal' | 'money';

/**
 * Set as `courtyardChart` on a chart's canvas region (`[role=img]`) once drawn, so end-to-end tests can find
 * a data point's pixel and read what echarts drew without a global or a test-only build.
 */
export interface ChartTestHandle {
	convertToPixel: (value: unknown[], seriesIndex?: number) => number[];
	readSeriesData: (seriesIndex?: number) => unknown[];
}
