import type { ChartSpec, ChartTableColumn } from './chart-spec.ts';
import { selectValueFormatter } from './value-format.ts';

export interface StackedShareRow {
	label: string;
	/** Counts per segment, in the order of `segments`. */
	counts: number[];
}

export interface StackedShareSegment {
	key: string;
	label: string;
	colour: string;
}

/**
 * 100 % stacked horizontal bars (a distribution per item): each segment's share of the row's total, with
 * the counts in the tooltip and the table. A click gives `event.name === row label`.
 */
export function buildStackedShareOption(
	rows: StackedShareRow[],
	segments: StackedShareSegment[],
	itemLabel: string
): ChartSpec {
	const percent = selectValueFormatter('percent');
	const totals = rows.map((row) => row.counts.reduce((a, b) => a + b, 0));
	const shareOf = (count: number, total: number) => (total > 0 ? count / total : 0);
	const columns: ChartTableColumn[] = [
		{ key: 'label', label: itemLabel, format: 'text' },
		...segments.flatMap((segment): ChartTableColumn[] => [
			{ key: `${segment.key}Count`, label: segment.label, format: 'integer' },
			{ key: `${segment.key}Share`, label: `${segment.label} %`, format: 'percent' }
		])
	];
	return {
		option: {
			tooltip: {
				trigger: 'axis',
				axisPointer: { type: 'shadow' },
				valueFormatter: (value: number) => percent(value)
			},
			legend: { top: 0 },
			grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
			xAxis: { type: 'value', max: 1, axisLabel: { formatter: (value: number) => percent(value) } },
			yAxis: { type: 'category', inverse: true, data: rows.map((row) => row.label) },
			series: segments.map((segment, index) => ({
				type: 'bar',
				stack: 'share',
				name: segment.label,
				itemStyle: { color: segment.colour },
				data: rows.map((row, rowIndex) => shareOf(row.counts[index], totals[rowIndex]))
			}))
		},
		table: {
			columns,
			rows: rows.map((row, rowIndex) => ({
				label: row.label,
				...Object.fromEntries(
					segments.flatMap((segment, index) => [
						[`${segment.key}Count`, row.counts[index]],
						[`${segment.key}Share`, shareOf(row.counts[index], totals[rowIndex])]
					])
				)
			}))
		}
	};
}
