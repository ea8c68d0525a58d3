import { z } from 'zod';
import { kindNames } from '$pipelines/kinds/kind-definition.ts';
import { mappableAnswerCodes, surveyScales } from '$pipelines/kinds/survey-answers.ts';

/** What the imports page sends: checked here, once, for every import endpoint. */
const kind = z.enum(kindNames).optional();
const mapping = z.record(z.string().max(200), z.string().max(100)).optional();
const answerLabels = z.record(z.string().max(100), z.enum(mappableAnswerCodes)).optional();
const questionScales = z.record(z.string().max(20), z.enum(surveyScales)).optional();

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

/** A JSON object carried in a query parameter (the report link repeats the preview's choices). */
function jsonParameter<T extends z.ZodType>(schema: T) {
	return z
		.string()
		.optional()
		.transform((text, context): z.infer<T> | undefined => {
			if (!text) return undefined;
			try {
				return schema.parse(JSON.parse(text));
			} catch {
				context.addIssue({ code: 'custom', message: 'must be a JSON object of the expected shape' });
				return z.NEVER;
			}
		});
}

export const reportRequestSchema = z.object({
	uploadId: z.string().uuid(),
	format: z.enum(['csv', 'xlsx']),
	kind,
	mapping: jsonParameter(mapping),
	answerLabels: jsonParameter(answerLabels),
	questionScales: jsonParameter(questionScales)
});

export function describeRequestProblem(error: z.ZodError): string {
	return error.issues.map((issue) => `${issue.path.join('.') || 'request'}: ${issue.message}`).join('; ');
}
