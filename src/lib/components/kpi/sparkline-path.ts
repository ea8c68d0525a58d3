/**
 * The SVG path of a sparkline: one point per month, gaps where a month has no value, scaled to the box.
 * Months with no data break the line instead of drawing a misleading zero.
 */
export function buildSparklinePath(values: (number | null)[], width: number, height: number): string {
	const present = values.filter((value): value is number => value !== null);
	if (present.length === 0) return '';
	const min = Math.min(...present);
	const max = Math.max(...present);
	const span = max - min || 1;
	const step = values.length > 1 ? width / (values.length - 1) : 0;
	let path = '';
	let drawing = false;
	values.forEach((value, index) => {
		if (value === null) {
			drawing = false;
			return;
		}
		const x = (index * step).toFixed(1);
		const y = (height - 1 - ((value - min) / span) * (height - 2)).toFixed(1);
		path += `${drawing ? 'L' : 'M'}${x} ${y}`;
		drawing = true;
	});
	return path;
}
