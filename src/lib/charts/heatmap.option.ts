import { m } from '$lib/paraglide/messages.js';
import type { ChartSpec, ChartTableRow, ChartValueFormat } from './chart-spec.ts';
import { readNumber, selectValueFormatter } from './value-format.ts';

export interface HeatmapCell {
	row: string;
	column: string;
	value: number;
	flagged?: boolean;
	/** Shown grey with its note instead of a colour (a small sample that must not be read as a rank). */
	muted?: boolean;
	note?: string;
}

export interface HeatmapInput {
	rows: string[];
	columns: string[];
	cells: HeatmapCell[];
	rowLabel: string;
	columnLabel: string;
	valueLabel: string;
	format?: ChartValueFormat;
}

/**
 * One series data item. Clicking a cell gives `event.name === 'row|column'` and `event.data.row` /
 * `event.data.column` (the original labels), so a page can cross-filter by row (area) and column (category)
 * without parsing the name.
 */
export interface HeatmapDatum {
	name: string;
	value: [number, number, number];
	row: string;
	column: string;
	flagged: boolean;
	note?: string;
	itemStyle?: { borderColor?: string; borderWidth?: number; color?: string };
}

const flaggedBorder = { borderColor: '#c0392b', borderWidth: 3 };
const mutedStyle = { color: '#e3e3e3' };

/** Rows × columns heatmap; cells outside `rows`/`columns` are dropped, flagged cells get a red border. */
export function buildHeatmapOption(input: HeatmapInput): ChartSpec {
	const format = selectValueFormatter(input.format ?? 'integer');
	const rowIndex = new Map(input.rows.map((row, index) => [row, index]));
	const columnIndex = new Map(input.columns.map((column, index) => [column, index]));
	const placed = input.cells
		.filter((cell) => rowIndex.has(cell.row) && columnIndex.has(cell.column))
		.map((cell) => ({ cell, y: rowIndex.get(cell.row)!, x: columnIndex.get(cell.column)! }))
		.sort((a, b) => a.y - b.y || a.x - b.x);

	const toDatum = ({ cell, x, y }: (typeof placed)[number]): HeatmapDatum => ({
		name: `${cell.row}|${cell.column}`,
		value: [x, y, cell.value],
		row: cell.row,
		column: cell.column,
		flagged: cell.flagged === true,
		...(cell.note ? { note: cell.note } : {}),
		...(cell.muted ? { itemStyle: mutedStyle } : cell.flagged ? { itemStyle: flaggedBorder } : {})
	});
	// Muted cells sit in a second series the colour scale does not govern, so grey stays grey.
	const data = placed.filter(({ cell }) => !cell.muted).map(toDatum);
	const mutedData = placed.filter(({ cell }) => cell.muted).map(toDatum);
	const hasNotes = placed.some(({ cell }) => cell.note);
	const rows: ChartTableRow[] = placed.map(({ cell }) => ({
		row: cell.row,
		column: cell.column,
		value: cell.value,
		flagged: cell.flagged ? m.chart_flagged() : '',
		...(hasNotes ? { note: cell.note ?? '' } : {})
	}));
	const values = placed.filter(({ cell }) => !cell.muted).map(({ cell }) => cell.value);
	// A greyed cell shows its n (why it is grey); the others their value, with the n in the tooltip and table.
	const labelOf = (item: HeatmapDatum, muted: boolean) =>
		muted && item.note ? `${format(item.value[2])} (${item.note})` : format(item.value[2]);

	return {
		option: {
			tooltip: {
				position: 'top',
				formatter: (params: { data: HeatmapDatum }) => {
					const item = params.data;
					const flag = item.flagged ? ` · ${m.chart_flagged()}` : '';
					const note = item.note ? ` · ${item.note}` : '';
					return `${item.row} · ${item.column}<br/>${input.valueLabel}: ${format(item.value[2])}${flag}${note}`;
				}
			},
			grid: { left: 8, right: 16, top: 16, bottom: 64, containLabel: true },
			xAxis: {
				type: 'category',
				name: input.columnLabel,
				data: input.columns,
				splitArea: { show: true },
				axisLabel: { interval: 0, rotate: input.columns.length > 6 ? 30 : 0 }
			},
			yAxis: {
				type: 'category',
				name: input.rowLabel,
				data: input.rows,
				inverse: true,
				splitArea: { show: true }
			},
			visualMap: {
				min: values.length ? Math.min(...values) : 0,
				max: values.length ? Math.max(...values) : 1,
				calculable: true,
				orient: 'horizontal',
				left: 'center',
				bottom: 0,
				seriesIndex: 0,
				inRange: { color: ['#eef6f3', '#7fc2ad', '#1f6f5c'] },
				formatter: (value: unknown) => format(readNumber(value))
			},
			series: [
				{
					type: 'heatmap',
					name: input.valueLabel,
					data,
					label: { show: true, formatter: (params: { data: HeatmapDatum }) => labelOf(params.data, false) },
					emphasis: { itemStyle: { shadowBlur: 8, shadowColor: 'rgba(0, 0, 0, 0.4)' } }
				},
				...(mutedData.length > 0
					? [
							{
								type: 'heatmap',
								name: input.valueLabel,
								data: mutedData,
								label: {
									show: true,
									color: '#777',
									formatter: (params: { data: HeatmapDatum }) => labelOf(params.data, true)
								}
							}
						]
					: [])
			]
		},
		table: {
			columns: [
				{ key: 'row', label: input.rowLabel, format: 'text' },
				{ key: 'column', label: input.columnLabel, format: 'text' },
				{ key: 'value', label: input.valueLabel, format: input.format ?? 'integer' },
				{ key: 'flagged', label: m.chart_flagged(), format: 'text' },
				...(hasNotes ? [{ key: 'note', label: m.chart_note(), format: 'text' as const }] : [])
			],
			rows
		}
	};
}
