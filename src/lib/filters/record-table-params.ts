import { z } from 'zod';

/**
 * A drill-down table's state in the URL (page and sort), apart from the dashboard filters so links to
 * other pages drop it. Sort keys are checked against the table's own columns by the server.
 */
export const recordTableParamsSchema = z.object({
	page: z.coerce.number().int().min(1).max(100_000).default(1),
	sort: z
		.string()
		.regex(/^[a-z_]+$/, 'use a column key')
		.optional(),
	dir: z.enum(['asc', 'desc']).default('desc')
});

export type RecordTableParams = z.infer<typeof recordTableParamsSchema>;

export type RecordTableParseResult = { ok: true; params: RecordTableParams } | { ok: false; message: string };

export function parseRecordTableParams(search: URLSearchParams): RecordTableParseResult {
	const parsed = recordTableParamsSchema.safeParse({
		page: search.get('page') || undefined,
		sort: search.get('sort') || undefined,
		dir: search.get('dir') || undefined
	});
	if (parsed.success) return { ok: true, params: parsed.data };
	const reason = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
	return { ok: false, message: `Invalid table parameter — ${reason}` };
}
