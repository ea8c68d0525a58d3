import { describeAttachment } from '../attachment.ts';
import { z } from 'zod';
import { buildCsv, sanitiseFileName } from '$lib/export/table-export.ts';
import { buildXlsxWorkbook } from './xlsx-export.ts';

/** adapter-node's BODY_SIZE_LIMIT (512 KB unless set) applies first; a page of a table is far below either. */
export const exportLimits = { maxBodyBytes: 8 * 1024 * 1024, maxRows: 10_000, maxColumns: 100 } as const;

const cell = z.union([z.string().max(32_767), z.number(), z.null()]);
const record = z.record(z.string().max(200), cell);

const exportRequestSchema = z.object({
	format: z.enum(['csv', 'xlsx']),
	table: z
		.object({
			name: z.string().max(200),
			columns: z
				.array(
					z.object({
						key: z.string().min(1).max(200),
						label: z.string().max(500),
						format: z
							.enum(['integer', 'percent', 'decimal', 'text', 'day', 'datetime', 'money', 'month'])
							.optional()
					})
				)
				.min(1)
				.max(exportLimits.maxColumns),
			rows: z.array(record).max(exportLimits.maxRows),
			totals: record.optional()
		})
		.strict()
});

export type ExportFile =
	| { ok: true; body: Uint8Array; contentType: string; contentDisposition: string }
	| { ok: false; status: 400 | 413; message: string };

/** Validates a `POST /api/export` body (already parsed JSON) and builds the file it asks for. */
export async function buildExportFile(body: unknown): Promise<ExportFile> {
	const parsed = exportRequestSchema.safeParse(body);
	if (!parsed.success) {
		const tooMany = parsed.error.issues.some((issue) => issue.code === 'too_big' && issue.path.length === 2);
		return {
			ok: false,
			status: tooMany ? 413 : 400,
			message: tooMany
				? `An export holds at most ${exportLimits.maxRows} rows and ${exportLimits.maxColumns} columns.`
				: `Not an export request: ${z.prettifyError(parsed.error)}`
		};
	}
	const { format, table } = parsed.data;
	if (format === 'csv') {
		return {
			ok: true,
			body: new TextEncoder().encode(buildCsv(table)),
			contentType: 'text/csv; charset=utf-8',
			contentDisposition: describeAttachment(`${sanitiseFileName(table.name)}.csv`)
		};
	}
	return {
		ok: true,
		body: new Uint8Array(await buildXlsxWorkbook(table)),
		contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		contentDisposition: describeAttachment(`${sanitiseFileName(table.name)}.xlsx`)
	};
}
