import { describeAttachment } from '../attachment.ts';

const contentTypes = {
	csv: 'text/csv; charset=utf-8',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	original: 'application/octet-stream'
} as const;

/** Headers of a file the imports page hands back: reports, templates and originals. */
export function buildDownloadHeaders(
	fileName: string,
	type: keyof typeof contentTypes
): Record<string, string> {
	return {
		'content-type': contentTypes[type],
		'content-disposition': describeAttachment(fileName),
		'cache-control': 'no-store'
	};
}
