/**
 * Which areas a caller may see. Every metric query takes one; until sign-in exists (a later issue),
 * every caller sees all areas — decided here and only here.
 */
export type AreaScope = { kind: 'all' } | { kind: 'areas'; areas: readonly string[] };

export function resolveScope(): AreaScope {
	return { kind: 'all' };
}
