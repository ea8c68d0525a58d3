import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { discardPendingUpload, findPendingUpload, keepPendingUpload } from './pending-uploads.ts';

let root: string;

beforeAll(() => {
	root = fs.mkdtempSync(path.join(os.tmpdir(), 'courtyard-pending-'));
	process.env.COURTYARD_DB = path.join(root, 'courtyard.duckdb');
});

function writeTemp(content: string): string {
	const file = path.join(root, `received-${Math.random()}`);
	fs.writeFileSync(file, content);
	return file;
}

describe('pending uploads', () => {
	it('keeps a received file under a random id, with the browser name only as a label', () => {
		const temp = writeTemp('a,b\n1,2\n');
		const upload = keepPendingUpload(temp, '../../etc/passwd.csv');
		expect(fs.existsSync(temp)).toBe(false);
		expect(upload.id).toMatch(/^[0-9a-f-]{36}$/);
		expect(path.dirname(path.dirname(upload.filePath))).toBe(path.join(root, 'uploads'));
		expect(fs.readFileSync(upload.filePath, 'utf8')).toBe('a,b\n1,2\n');
		expect(findPendingUpload(upload.id)).toMatchObject({
			fileName: '../../etc/passwd.csv',
			filePath: upload.filePath
		});
	});

	it('refuses ids that are not its own: malformed, path-like or discarded', () => {
		const upload = keepPendingUpload(writeTemp('x'), 'x.csv');
		expect(findPendingUpload('../uploads')).toBeNull();
		expect(findPendingUpload(`${upload.id}/../..`)).toBeNull();
		expect(findPendingUpload('00000000-0000-0000-0000-000000000000')).toBeNull();
		discardPendingUpload(upload.id);
		expect(findPendingUpload(upload.id)).toBeNull();
	});

	it('sweeps uploads abandoned for more than a day when a new one arrives', () => {
		const old = keepPendingUpload(writeTemp('old'), 'old.csv');
		const directory = path.dirname(old.filePath);
		const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000);
		fs.utimesSync(directory, twoDaysAgo, twoDaysAgo);
		keepPendingUpload(writeTemp('new'), 'new.csv');
		expect(findPendingUpload(old.id)).toBeNull();
	});
});
