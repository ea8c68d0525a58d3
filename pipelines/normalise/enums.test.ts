import { describe, expect, it } from 'vitest';
import { createEnumParser, describeEnum } from './enums.ts';
import { InvalidValue } from './invalid-value.ts';

const severityLabels = {
	general: ['一般'],
	major: ['重大'],
	urgent: ['紧急', '加急']
} as const;

const channelLabels = {
	phone: ['来电', '电话', 'Phone call'],
	visit: ['来访', '上门'],
	wechat: ['微信', 'WeChat', '小程序'],
	'app-online': ['APP在线', '线上（APP）']
} as const;

describe('createEnumParser', () => {
	const parseSeverity = createEnumParser('severity', severityLabels);
	const parseChannel = createEnumParser('channel', channelLabels);

	it('matches codes and labels', () => {
		expect(parseSeverity('general')).toBe('general');
		expect(parseSeverity('一般')).toBe('general');
		expect(parseSeverity('重大')).toBe('major');
		expect(parseSeverity('加急')).toBe('urgent');
	});

	it('ignores case, spacing, full width and punctuation', () => {
		expect(parseSeverity(' URGENT ')).toBe('urgent');
		expect(parseSeverity('【紧急】')).toBe('urgent');
		expect(parseChannel('phone-call')).toBe('phone');
		expect(parseChannel('ＷｅＣｈａｔ')).toBe('wechat');
		expect(parseChannel('we chat')).toBe('wechat');
		expect(parseChannel('线上(APP)')).toBe('app-online');
		expect(parseChannel('App Online')).toBe('app-online');
	});

	it('gives the same answer when a spelling repeats', () => {
		expect(parseChannel(' 来电 ')).toBe('phone');
		expect(parseChannel(' 来电 ')).toBe('phone');
		expect(parseChannel('传真')).toEqual(parseChannel('传真'));
	});

	it('reads numeric codes from typed cells', () => {
		const parseScore = createEnumParser('score', { '1': ['非常不满意'], '5': ['非常满意'] });
		expect(parseScore(5)).toBe('5');
		expect(parseScore('非常满意')).toBe('5');
	});

	it('treats blank cells as empty', () => {
		expect(parseSeverity(null)).toBeNull();
		expect(parseSeverity('  ')).toBeNull();
	});

	it('lists the choices when nothing matches', () => {
		expect(parseSeverity('紧急x')).toEqual(
			new InvalidValue('"紧急x" is not a known severity; use one of: 一般/general, 重大/major, 紧急/urgent')
		);
		expect(parseChannel('xyz')).toEqual(
			new InvalidValue(
				'"xyz" is not a known channel; use one of: 来电/phone, 来访/visit, 微信/wechat, APP在线/app-online'
			)
		);
		expect(parseSeverity(true)).toEqual(
			new InvalidValue('true is not a known severity; use one of: 一般/general, 重大/major, 紧急/urgent')
		);
	});

	it('refuses a definition where one label means two codes', () => {
		expect(() => createEnumParser('severity', { urgent: ['紧急'], major: ['重大', '（紧急）'] })).toThrow(
			'severity: label "（紧急）" would match both urgent and major'
		);
		expect(() => createEnumParser('channel', { phone: ['Visit'], visit: [] })).toThrow(
			'channel: label "visit" would match both phone and visit'
		);
	});

	it('refuses labels with nothing to match on', () => {
		expect(() => createEnumParser('flag', { none: ['—'] })).toThrow(
			'flag: label "—" has no letters or digits'
		);
	});
});

describe('describeEnum', () => {
	it('shows each code with its first label', () => {
		expect(describeEnum(severityLabels)).toBe('一般/general, 重大/major, 紧急/urgent');
	});

	it('shows the bare code when its first label is the same word', () => {
		expect(describeEnum({ vip: ['VIP', '贵宾'], normal: [] })).toBe('vip, normal');
	});

	it('shortens long lists', () => {
		const many: Record<string, string[]> = {};
		for (let i = 1; i <= 14; i++) many[`c${i}`] = [];
		expect(describeEnum(many)).toBe('c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12 …');
	});
});
