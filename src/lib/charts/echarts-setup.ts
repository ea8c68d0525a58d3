import { BarChart, HeatmapChart, LineChart, PieChart, ScatterChart } from 'echarts/charts';
import {
	DataZoomComponent,
	GridComponent,
	LegendComponent,
	MarkLineComponent,
	MarkPointComponent,
	TitleComponent,
	TooltipComponent,
	VisualMapComponent
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

/**
 * The one place echarts parts are registered. Only `Chart.svelte` imports this, dynamically, so neither
 * the server bundle nor SSR ever loads echarts, and the client only ships the parts listed here.
 */
echarts.use([
	CanvasRenderer,
	BarChart,
	LineChart,
	HeatmapChart,
	PieChart,
	ScatterChart,
	GridComponent,
	TooltipComponent,
	LegendComponent,
	VisualMapComponent,
	MarkLineComponent,
	MarkPointComponent,
	TitleComponent,
	DataZoomComponent
]);

export { echarts };
