import { describe, expect, it } from 'vitest';
import { normaliseHeaderKey } from './header-key.ts';

describe('normaliseHeaderKey', () => {
	it('gives one key for every spelling of a header', () => {
		for (const header of [
			'Received at',
			'received_at',
			'RECEIVED-AT',
			'Ｒｅｃｅｉｖｅｄ　ａｔ',
			' Received.At '
		]) {
			expect(normaliseHeaderKey(header)).toBe('receivedat');
		}
	});

	it('handles Chinese headers', () => {
		expect(normaliseHeaderKey('投诉时间（受理）')).toBe('投诉时间受理');
		expect(normaliseHeaderKey('【房号】')).toBe('房号');
	});

	it('gives an empty key for blank and non-text headers as text', () => {
		expect(normaliseHeaderKey(null)).toBe('');
		expect(normaliseHeaderKey('  ')).toBe('');
		expect(normaliseHeaderKey(2025)).toBe('2025');
	});
});
