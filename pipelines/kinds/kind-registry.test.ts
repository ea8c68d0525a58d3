import { describe, expect, it } from 'vitest';
import { normaliseHeaderKey } from '../normalise/header-key.ts';
import { mapHeaderRow } from '../load/header-mapping.ts';
import { kindNames } from './kind-definition.ts';
import { kindRegistry } from './kind-registry.ts';

describe('kind definitions', () => {
	for (const name of kindNames) {
		const kind = kindRegistry[name];
		it(`${name}: every alias maps to its own field, in any case, spacing or full-width form`, () => {
			for (const field of kind.fields) {
				for (const alias of field.aliases) {
					for (const variant of [
						alias,
						alias.toUpperCase(),
						` ${alias.replace(/ /g, '_')} `,
						toFullWidth(alias)
					]) {
						const mapping = mapHeaderRow(kind, { rowNumber: 1, cells: [variant] });
						const column = mapping.columns[0];
						expect(column, `${name}.${field.name} ← "${variant}"`).toMatchObject({
							role: 'field',
							field: field.name
						});
					}
				}
			}
		});

		it(`${name}: no alias is claimed by two fields`, () => {
			const owner = new Map<string, string>();
			for (const field of kind.fields) {
				for (const alias of [field.name, ...field.aliases]) {
					const key = normaliseHeaderKey(alias);
					const previous = owner.get(key);
					expect(
						previous === undefined || previous === field.name,
						`"${alias}" is on ${previous} and ${field.name}`
					).toBe(true);
					owner.set(key, field.name);
				}
			}
		});

		it(`${name}: the zod schema has exactly the kind's fields`, () => {
			expect(Object.keys(kind.schema.shape).sort()).toEqual(kind.fields.map((f) => f.name).sort());
		});
	}
});

function toFullWidth(text: string): string {
	return text.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).replace(/ /g, '\u3000');
}
