import type { FieldSpec } from './kind-definition.ts';

const chinese = /[\u4e00-\u9fff]/;

/** Capitalises an English alias for display ("complaint id" → "Complaint Id", kept short words as typed). */
function capitaliseWords(text: string): string {
	return text.replace(/\b[a-z]/g, (c) => c.toUpperCase()).replace(/\bId\b/g, 'ID');
}

/**
 * How a field is named to people: its first Chinese alias (the canonical header) and its first English
 * alias; the field name stands in for a missing one.
 */
export function describeFieldLabel(field: FieldSpec): { zh: string; en: string; label: string } {
	const zh = field.aliases.find((a) => chinese.test(a)) ?? field.name;
	const en = capitaliseWords(field.aliases.find((a) => !chinese.test(a)) ?? field.name.replaceAll('_', ' '));
	return { zh, en, label: zh === en ? zh : `${zh} ${en}` };
}
