import { z } from 'zod';
import { kindNames } from '$pipelines/kinds/kind-definition.ts';

/** What the imports page sends: checked here, once, for every import endpoint. */
const kind = z.enum(kindNames).optional();
const mapping = z.record(z.string().max(200), z.string().max(100)).optional();
const answerLabels = z
	.record(
		z.string().max(100),
		z.enum([
			'very_satisfied',
			'satisfied',
			'basically_satisfied',
			'neutral',
			'dissatisfied',
			'very_dissatisfied',
			'na',
			'dont_know',
			'refused'
		])
	)
	.optional();
const questionScales = z.record(z.string().max(20), z.enum(['likert5', 'sat3', 'score0_10'])).optional();

export const previewRequestSchema = z.object({
	uploadId: z.string().uuid(),
	kind,
	mapping,
	answerLabels,
	questionScales
});

export const commitRequestSchema = z.object({
	uploadId: z.string().uuid(),
	kind,
	mapping,
	answerLabels,
	questionScales,
	acceptPartial: z.boolean().default(false),
	rememberMapping: z.boolean().default(false)
});

export const reportRequestSchema = z.object({
	uploadId: z.string().uuid(),
	format: z.enum(['csv', 'xlsx']),
	kind,
	mapping: z
		.string()
		.optional()
		.transform((text, context) => {
			if (!text) return undefined;
			try {
				return mapping.parse(JSON.parse(text));
			} catch {
				context.addIssue({ code: 'custom', message: 'mapping must be a JSON object of header → field' });
				return z.NEVER;
			}
		})
});

export function describeRequestProblem(error: z.ZodError): string {
	return error.issues.map((issue) => `${issue.path.join('.') || 'request'}: ${issue.message}`).join('; ');
}
