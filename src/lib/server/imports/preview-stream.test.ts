import { describe, expect, it } from 'vitest';
import { ImportRequestError } from './import-service.ts';
import { streamPreview } from './preview-stream.ts';

async function readLines(response: Response): Promise<unknown[]> {
	return (await response.text())
		.trim()
		.split('\n')
		.map((line) => JSON.parse(line));
}

describe('streamPreview', () => {
	it('sends progress lines (at most one per percent), then the result', async () => {
		const response = streamPreview(async (onProgress) => {
			for (const share of [0.1, 0.101, 0.5, 1]) onProgress(share);
			return { uploadId: 'u', preview: { rows: 3 } };
		});
		expect(response.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
		expect(await readLines(response)).toEqual([
			{ progress: 0.1 },
			{ progress: 0.5 },
			{ progress: 1 },
			{ uploadId: 'u', preview: { rows: 3 } }
		]);
	});

	it('ends with the error and its status when the preview fails', async () => {
		const refused = streamPreview(async () => {
			throw new ImportRequestError(404, 'That upload is no longer waiting.');
		});
		expect(await readLines(refused)).toEqual([{ error: 'That upload is no longer waiting.', status: 404 }]);
		const crashed = streamPreview(async () => {
			throw new Error('disk full');
		});
		expect(await readLines(crashed)).toEqual([
			{ error: 'The file could not be checked: disk full', status: 500 }
		]);
	});
});
