import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { resolveDatabasePath } from '$pipelines/db/database.ts';

/**
 * Files uploaded for preview wait here until they are loaded or abandoned, under a random id — never under
 * the name the browser sent (SPEC §4: file names are labels, not paths).
 */
export interface PendingUpload {
	id: string;
	filePath: string;
	fileName: string;
	uploadedAt: string;
}

const maxAgeMs = 24 * 3_600_000;
const idPattern = /^[0-9a-f-]{36}$/;

function uploadsDirectory(): string {
	return path.join(path.dirname(resolveDatabasePath()), 'uploads');
}

/** Moves a received temp file into the pending area; abandoned uploads older than a day are swept. */
export function keepPendingUpload(tempPath: string, fileName: string): PendingUpload {
	const root = uploadsDirectory();
	fs.mkdirSync(root, { recursive: true });
	sweepAbandonedUploads(root);
	const id = randomUUID();
	const directory = path.join(root, id);
	fs.mkdirSync(directory);
	const filePath = path.join(directory, 'file');
	fs.copyFileSync(tempPath, filePath);
	fs.rmSync(tempPath, { force: true });
	const upload = { id, filePath, fileName, uploadedAt: new Date().toISOString() };
	fs.writeFileSync(
		path.join(directory, 'upload.json'),
		JSON.stringify({ fileName, uploadedAt: upload.uploadedAt })
	);
	return upload;
}

/** A pending upload by id; null for an unknown, malformed or expired id. */
export function findPendingUpload(id: string): PendingUpload | null {
	if (!idPattern.test(id)) return null;
	const directory = path.join(uploadsDirectory(), id);
	const metaPath = path.join(directory, 'upload.json');
	if (!fs.existsSync(metaPath)) return null;
	const meta = JSON.parse(fs.readFileSync(metaPath, 'utf8')) as { fileName: string; uploadedAt: string };
	return { id, filePath: path.join(directory, 'file'), ...meta };
}

export function discardPendingUpload(id: string): void {
	if (idPattern.test(id)) fs.rmSync(path.join(uploadsDirectory(), id), { recursive: true, force: true });
}

function sweepAbandonedUploads(root: string): void {
	const now = Date.now();
	for (const entry of fs.readdirSync(root)) {
		const directory = path.join(root, entry);
		if (now - fs.statSync(directory).mtimeMs > maxAgeMs)
			fs.rmSync(directory, { recursive: true, force: true });
	}
}
