import path from 'node:path';
import type { IngestResult } from '../load/ingest-file.ts';
import type { IngestCommand } from './ingest-args.ts';
import { buildMultipartBody } from './multipart-body.ts';

/** The header the import API reads the loading user from (the server's own uploads are 'web'). */
export const UPLOADED_BY_HEADER = 'x-courtyard-user';

export class ServerUnreachableError extends Error {}

/** The dashboard server's address: COURTYARD_SERVER_URL, else localhost on PORT (default 3000). */
export function resolveServerUrl(env: NodeJS.ProcessEnv = process.env): string {
	return (env.COURTYARD_SERVER_URL ?? `http://localhost:${env.PORT ?? 3000}`).replace(/\/+$/, '');
}

/**
 * Sends one file to the server's import API, streamed from disk. Answers the same IngestResult a local
 * load gives; a refused request (too large, not a spreadsheet) comes back as a failed result.
 */
export async function sendFileToServer(
	serverUrl: string,
	filePath: string,
	command: Extract<IngestCommand, { action: 'ingest' }>
): Promise<IngestResult> {
	const fileName = path.basename(filePath);
	const body = buildMultipartBody(
		{
			kind: command.kind,
			acceptPartial: command.acceptPartial ? 'true' : undefined,
			wave: command.wave,
			sheet: command.sheet
		},
		{ fieldName: 'file', fileName, filePath }
	);
	let response: Response;
	try {
		response = await fetch(`${serverUrl}/api/imports`, {
			method: 'POST',
			headers: {
				'content-type': body.contentType,
				'content-length': String(body.contentLength),
				// SvelteKit refuses a form POST whose Origin is not the server's own (CSRF).
				origin: new URL(serverUrl).origin,
				[UPLOADED_BY_HEADER]: command.user
			},
			body: body.stream,
			duplex: 'half'
		} as RequestInit);
	} catch (error) {
		// Only a failure to connect means "no server"; anything after that is the server's answer.
		const code = (error as { cause?: { code?: string } }).cause?.code;
		if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN')
			throw new ServerUnreachableError(`No server answers at ${serverUrl}.`);
		// E.g. the server answered 413 and closed the connection before the whole file was sent.
		const reason = (error as { cause?: Error }).cause?.message ?? (error as Error).message;
		return describeFailure(fileName, `Sending the file to ${serverUrl} failed: ${reason}`);
	}
	const answer = (await response.json().catch(() => null)) as (IngestResult & { message?: string }) | null;
	if (response.ok && answer?.status) return answer;
	let reason = answer?.message ?? response.statusText;
	if (response.status === 403)
		reason += `; set COURTYARD_SERVER_URL to the address the server is configured with (its ORIGIN)`;
	return describeFailure(fileName, `The server refused the file (${response.status}): ${reason}`);
}

function describeFailure(fileName: string, message: string): IngestResult {
	return {
		file: fileName,
		kind: null,
		batchId: null,
		status: 'failed',
		rowsRead: 0,
		rowsLoaded: 0,
		rowsUpdated: 0,
		rowsUnchanged: 0,
		rowsRejected: 0,
		rowsSkipped: 0,
		rejects: [],
		message
	};
}
