import type { ReadLimits } from '../readers/sheet-row.ts';

/** Limits on what one upload may be (SPEC §4); every figure can be overridden by the caller. */
export interface IngestLimits extends ReadLimits {
	maxFileBytes: number;
	/** The parse worker is stopped past these. */
	workerTimeoutMs: number;
	workerMemoryMb: number;
}

const mib = 1024 * 1024;

export const webUploadLimits: IngestLimits = {
	maxFileBytes: Number(process.env.COURTYARD_WEB_MAX_FILE_MB ?? 100) * mib,
	maxRows: 5_000_000,
	maxColumns: 500,
	maxZipEntries: 10_000,
	maxUncompressedBytes: 1024 * mib,
	workerTimeoutMs: 10 * 60_000,
	workerMemoryMb: 2048
};

export const cliLimits: IngestLimits = {
	...webUploadLimits,
	maxFileBytes: Number(process.env.COURTYARD_CLI_MAX_FILE_MB ?? 2048) * mib,
	maxRows: 50_000_000,
	maxUncompressedBytes: 8192 * mib,
	workerTimeoutMs: 60 * 60_000,
	workerMemoryMb: 4096
};

export function describeBytes(bytes: number): string {
	if (bytes >= 1024 * mib) return `${(bytes / (1024 * mib)).toFixed(1)} GB`;
	if (bytes >= mib) return `${Math.round(bytes / mib)} MB`;
	if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
	return `${bytes} bytes`;
}
