import { describe, expect, it } from 'vitest';
import { kpiIds } from '$lib/server/dashboards/kpi-tiles.ts';
import { explainKpi } from './kpi-explanations.ts';

describe('explainKpi', () => {
	it('has a name, definition, numerator, denominator, exclusions and calibre for every tile in both languages', () => {
		for (const id of kpiIds) {
			const explanation = explainKpi(id);
			for (const [part, message] of Object.entries(explanation)) {
				expect(message, `${id}.${part}`).toBeTypeOf('function');
				const chinese = message({}, { locale: 'zh-CN' });
				const english = message({}, { locale: 'en' });
				expect(chinese.length, `${id}.${part} zh-CN`).toBeGreaterThan(0);
				expect(english.length, `${id}.${part} en`).toBeGreaterThan(0);
				if (part !== 'denominator') expect(chinese, `${id}.${part} translated`).not.toBe(english);
			}
		}
	});
});
