import type { DuckDBValue } from '@duckdb/node-api';

/**
 * Which areas a caller may see. Every metric query takes one; until sign-in exists (a later issue),
 * every caller sees all areas — decided here and only here.
 */
export type AreaScope = { kind: 'all' } | { kind: 'areas'; areas: readonly string[] };

export function resolveScope(): AreaScope {
	return { kind: 'all' };
}

/**
 * The one place area scope becomes SQL: a condition on the given area column, with its parameters.
 * An empty area list sees nothing.
 */
export function buildScopeCondition(
	scope: AreaScope,
	column = 'area'
): { sql: string; params: Record<string, DuckDBValue> } {
	if (scope.kind === 'all') return { sql: 'true', params: {} };
	return {
		sql: `${column} IN (SELECT unnest($scopeAreas::VARCHAR[]))`,
		params: { scopeAreas: JSON.stringify(scope.areas) }
	};
}
