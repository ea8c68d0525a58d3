import { expect, test } from '@playwright/test';

test('the hotspot API puts the planted lift hotspot on top for the latest quarter', async ({ request }) => {
	const response = await request.get(
		'/api/metrics/complaint-hotspots?period=custom&from=2026-08-01&to=2026-10-31&compare=previous'
	);
	expect(response.status()).toBe(200);
	const body = await response.json();
	expect(body.period).toEqual({ start: '2026-08-01', end: '2026-11-01' });
	const top = body.value.find((cell: { flagged: boolean }) => cell.flagged);
	expect(top).toMatchObject({ area: '锦绣江南', category: 'lifts', status: 'new' });
});

test('a bad filter is a 400 with a message, an unknown metric a 404', async ({ request }) => {
	const bad = await request.get('/api/metrics/complaint-timeliness?category=elevatorz');
	expect(bad.status()).toBe(400);
	expect((await bad.json()).message).toMatch(/^Invalid filter — category/);
	const unknown = await request.get('/api/metrics/nope');
	expect(unknown.status()).toBe(404);
	const message = (await unknown.json()).message as string;
	for (const name of [
		'complaint-hotspots',
		'complaint-summary',
		'complaint-timeliness',
		'repair-timeliness'
	]) {
		expect(message).toContain(name);
	}
});

test('complaint timeliness answers with numerators and denominators for the default period', async ({
	request
}) => {
	const response = await request.get('/api/metrics/complaint-timeliness');
	expect(response.status()).toBe(200);
	const body = await response.json();
	expect(body.asOf).toBe('2026-10-31');
	expect(body.value.resolvedOnTime.denominator).toBeGreaterThan(0);
	expect(body.value.resolvedOnTime.rate).toBeGreaterThan(0.5);
});

test('the department with planted slips ranks worst on timeliness over the three years', async ({
	request
}) => {
	const response = await request.get(
		'/api/metrics/complaint-timeliness-by-department?period=custom&from=2023-11-01&to=2026-10-31'
	);
	expect(response.status()).toBe(200);
	const body = await response.json();
	expect(body.value[0].key).toBe('工程部');
});

test('every published metric answers on the demo data', async ({ request }) => {
	const unknown = await request.get('/api/metrics/nope');
	const names = (await unknown.text()).match(/Available: ([^"]+)/)![1].split(', ');
	expect(names.length).toBeGreaterThanOrEqual(20);
	for (const name of names) {
		const response = await request.get(`/api/metrics/${name.trim()}?period=this-quarter`);
		expect(response.status(), name).toBe(200);
		expect((await response.json()).metric, name).toBe(name.trim());
	}
});
