import { m } from '$lib/paraglide/messages.js';
import type { ChartSpec } from './chart-spec.ts';
import { selectValueFormatter } from './value-format.ts';

export interface DriverPoint {
	label: string;
	/** Correlation with overall satisfaction. */
	importance: number;
	/** Satisfaction rate (0–1). */
	performance: number;
	quadrant: string;
	quadrantLabel: string;
}

export const quadrantColours: Record<string, string> = {
	priority: '#c0392b',
	strength: '#1f6f5c',
	maintain: '#7fc2ad',
	secondary: '#9a9a9a'
};

interface DriverDatum {
	name: string;
	value: [number, number];
	quadrant: string;
	quadrantLabel: string;
	itemStyle: { color: string };
}

/**
 * Importance (correlation with the overall question) against performance (satisfaction rate), with the
 * two means as cross-hairs: top-left is "fix first". A click gives `event.name === label`.
 */
export function buildDriverQuadrantOption(points: DriverPoint[]): ChartSpec {
	const percent = selectValueFormatter('percent');
	const decimal = (value: number) => value.toFixed(2);
	const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0);
	const meanImportance = mean(points.map((p) => p.importance));
	const meanPerformance = mean(points.map((p) => p.performance));
	const data: DriverDatum[] = points.map((point) => ({
		name: point.label,
		value: [point.performance, point.importance],
		quadrant: point.quadrant,
		quadrantLabel: point.quadrantLabel,
		itemStyle: { color: quadrantColours[point.quadrant] ?? '#555' }
	}));
	return {
		option: {
			tooltip: {
				trigger: 'item',
				formatter: (params: { data: DriverDatum }) =>
					`${params.data.name} · ${params.data.quadrantLabel}<br/>${m.chart_driver_performance()}: ${percent(params.data.value[0])}<br/>${m.chart_driver_importance()}: ${decimal(params.data.value[1])}`
			},
			grid: { left: 32, right: 24, top: 16, bottom: 32, containLabel: true },
			xAxis: {
				type: 'value',
				name: m.chart_driver_performance(),
				nameLocation: 'middle',
				nameGap: 28,
				scale: true,
				axisLabel: { formatter: (value: number) => percent(value) }
			},
			yAxis: {
				type: 'value',
				name: m.chart_driver_importance(),
				nameLocation: 'middle',
				nameGap: 40,
				scale: true
			},
			series: [
				{
					type: 'scatter',
					name: m.chart_driver_importance(),
					symbolSize: 14,
					data,
					label: {
						show: true,
						position: 'right',
						formatter: (params: { data: DriverDatum }) => params.data.name
					},
					markLine: {
						silent: true,
						symbol: 'none',
						lineStyle: { type: 'dashed', color: '#888' },
						label: { show: false },
						data: [{ xAxis: meanPerformance }, { yAxis: meanImportance }]
					}
				}
			]
		},
		table: {
			columns: [
				{ key: 'label', label: m.chart_item(), format: 'text' },
				{ key: 'importance', label: m.chart_driver_importance(), format: 'decimal' },
				{ key: 'performance', label: m.chart_driver_performance(), format: 'percent' },
				{ key: 'quadrant', label: m.chart_driver_quadrant(), format: 'text' }
			],
			rows: points.map((point) => ({
				label: point.label,
				importance: point.importance,
				performance: point.performance,
				quadrant: point.quadrantLabel
			}))
		}
	};
}
