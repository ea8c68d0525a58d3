import { maskPhone } from '$pipelines/normalise/phone.ts';

/**
 * Residents' names and phones are personal data (SPEC §6): records leave the server masked unless the
 * caller's role may see them — until roles exist, nobody may.
 */
export function maskPersonName(name: string): string {
	const characters = [...name.trim()];
	if (characters.length === 0) return '';
	if (characters.length === 1) return '*';
	// 张三 → 张*, 欧阳明华 → 欧**华, John Smith → J********h: the shape stays readable, the person does not.
	if (characters.length === 2) return `${characters[0]}*`;
	return `${characters[0]}${'*'.repeat(characters.length - 2)}${characters.at(-1)}`;
}

export function maskResident<T extends { resident_name?: string | null; resident_phone?: string | null }>(
	record: T
): T {
	return {
		...record,
		resident_name: record.resident_name ? maskPersonName(record.resident_name) : null,
		resident_phone: record.resident_phone ? maskPhone(record.resident_phone) : null
	};
}
