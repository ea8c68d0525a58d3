import type { KpiId } from '$lib/server/dashboards/kpi-tiles.ts';
import { m } from '$lib/paraglide/messages.js';

type Message = (inputs?: Record<string, never>, options?: { locale?: 'zh-CN' | 'en' }) => string;

/** What a headline figure's explain panel says (SPEC §5: every figure can explain itself). */
export interface KpiExplanation {
	name: Message;
	definition: Message;
	numerator: Message;
	denominator: Message;
	exclusions: Message;
	calibre: Message;
}

const parts = ['name', 'definition', 'numerator', 'denominator', 'exclusions'] as const;
const messages = m as unknown as Record<string, Message>;

/** The catalogue holds `kpi_<id>_<part>` for every tile; a missing one fails the explain test, not a reader. */
export function explainKpi(id: KpiId): KpiExplanation {
	const explanation = Object.fromEntries(parts.map((part) => [part, messages[`kpi_${id}_${part}`]])) as Omit<
		KpiExplanation,
		'calibre'
	>;
	const calibre = id.startsWith('repair') ? m.calibre_repairs_default : m.calibre_complaints_default;
	return { ...explanation, calibre };
}
