import path from 'node:path';
import type { BatchRecord } from '../load/batch-registry.ts';
import type { IngestResult } from '../load/ingest-file.ts';

const numberFormat = new Intl.NumberFormat('en-US');

/** One human-readable block per file: what was read, what happened to every row, the first problems. */
export function formatIngestResult(result: IngestResult): string {
	const lines = [
		`${result.file}: ${result.status}${result.kind ? ` (${result.kind})` : ''}${result.batchId ? `, batch ${result.batchId}` : ''}`
	];
	if (result.message) lines.push(`  ${result.message}`);
	if (result.status !== 'duplicate' && result.status !== 'failed') {
		const n = (v: number) => numberFormat.format(v);
		lines.push(
			`  rows read ${n(result.rowsRead)} · loaded ${n(result.rowsLoaded)} · updated ${n(result.rowsUpdated)} · ` +
				`unchanged ${n(result.rowsUnchanged)} · rejected ${n(result.rowsRejected)} · skipped ${n(result.rowsSkipped)}`
		);
	}
	if (result.unknownHeaders?.length)
		lines.push(`  columns not recognised (ignored): ${result.unknownHeaders.join(', ')}`);
	for (const reject of result.rejects.slice(0, 10)) {
		const where = reject.column ? `, column ${reject.column}` : '';
		const value = reject.value !== null ? ` (value "${reject.value}")` : '';
		lines.push(`  row ${reject.row}${where}${value}: ${reject.reason}`);
	}
	if (result.rowsRejected > 10) lines.push(`  … see all rejected rows with: npm run ingest -- --list`);
	return lines.join('\n');
}

export function formatBatchTable(batches: BatchRecord[]): string {
	if (batches.length === 0) return 'No batches yet.';
	const header =
		'batch  status       kind        read    loaded  updated  rejected  when              by          file';
	const rows = batches.map((b) =>
		[
			String(b.id).padEnd(6),
			b.status.padEnd(12),
			b.kind.padEnd(10),
			String(b.rows_read).padStart(7),
			String(b.rows_loaded).padStart(8),
			String(b.rows_updated).padStart(8),
			String(b.rows_rejected).padStart(9),
			' ' + b.started_at.toISOString().slice(0, 16).replace('T', ' '),
			b.uploaded_by.slice(0, 10).padEnd(10),
			b.file_name
		].join(' ')
	);
	return [header, ...rows].join('\n');
}

/** A progress line on a terminal: a bar when the reader reports bytes, else rows and speed. */
export function createProgressLine(file: string, sizeBytes: number) {
	const started = Date.now();
	const interactive = process.stderr.isTTY && sizeBytes > 5 * 1024 * 1024;
	let last = 0;
	return {
		update(rowsRead: number, bytesRead?: number) {
			if (!interactive || Date.now() - last < 200) return;
			last = Date.now();
			const seconds = (Date.now() - started) / 1000;
			const rate = numberFormat.format(Math.round(rowsRead / Math.max(seconds, 0.001)));
			let bar = '';
			if (bytesRead !== undefined) {
				const share = Math.min(1, bytesRead / sizeBytes);
				const width = 30;
				bar = `[${'#'.repeat(Math.round(share * width)).padEnd(width, '.')}] ${Math.round(share * 100)}% `;
			}
			process.stderr.write(
				`\r${path.basename(file)} ${bar}${numberFormat.format(rowsRead)} rows (${rate}/s)   `
			);
		},
		done() {
			if (interactive) process.stderr.write('\n');
		}
	};
}
