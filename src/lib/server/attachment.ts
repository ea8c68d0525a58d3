import { sanitiseFileName } from '$lib/export/table-export.ts';

/**
 * `Content-Disposition` for a download named by a user (Chinese names included): an ASCII fallback and the
 * real name in RFC 5987 form, sanitised so a name can neither break the header nor name a path.
 */
export function describeAttachment(fileName: string): string {
	const safe = sanitiseFileName(fileName);
	const ascii = safe.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
	return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(safe)}`;
}
