import { toHalfWidth } from '$pipelines/normalise/text.ts';

/**
 * Personal data written into free text (survey comments): masked before the text leaves the server.
 *
 * Caught:
 * - mainland mobiles: 11 digits 1[3-9]…, plain or grouped 3-4-4 by spaces or dashes, with or without a
 *   +86 / 0086 / 86 / 0 prefix, half- or full-width digits → 138****8000 (the shape `maskPhone` gives);
 * - landlines with an area code (010-12345678, (0755)8888 9999, 02112345678, 7–8 digit local number)
 *   → 010-****5678; a bare 7–8 digit number only right after 电话/座机/固话/手机/联系方式/tel/phone;
 * - e-mail addresses → z*******@example.com (the domain stays: it is rarely personal);
 * - 18-digit ID-card numbers with a plausible birth date, last character 0–9 or X → 110***********123X;
 * - WeChat / QQ ids right after 微信/wx/vx/QQ → w*********;
 * - given names between a common surname and an honorific: 王小明先生 → 王**先生, 李丽女士 → 李*女士;
 *   a surname alone with its honorific (王先生, 张阿姨, 陈师傅, 刘经理) says little and stays;
 * - a name right after 姓名 / 联系人: 联系人：王小明 → 联系人：王**.
 * Not caught: names without an honorific or label (王小明 说…), nicknames, uncommon surnames, 15-digit
 * old ID cards, foreign phone numbers, mobiles grouped other than 3-4-4, addresses, plate numbers.
 * A surname character that is part of a common word (谢谢王师傅, 上周李师傅) is not read as a surname,
 * and a given name whose last character is itself a common surname may be missed or over-masked.
 * Never masked: unit numbers (3栋2单元1502), dates, times and amounts — unless written as 11 digits
 * starting 1[3-9] or 0 + area code, which read as phone numbers.
 *
 * Each hidden character becomes one '*', so the text keeps its length and shape.
 */
export function maskPersonalText(text: string): string {
	// Full-width digits and letters are folded one character for one, so positions found on the folded
	// copy are positions in the original; the kept characters stay as written.
	const folded = toHalfWidth(text);
	const accepted: PersonalSpan[] = [];
	for (const findSpans of spanFinders) {
		for (const span of findSpans(folded)) {
			if (accepted.every((other) => span.end <= other.start || span.start >= other.end)) accepted.push(span);
		}
	}
	if (accepted.length === 0) return text;
	const characters = text.split('');
	for (const span of accepted) for (const index of span.hidden) characters[index] = '*';
	return characters.join('');
}

/** A stretch of text one rule recognised (claimed whole, so rules never mask half of each other's find). */
interface PersonalSpan {
	start: number;
	end: number;
	hidden: number[];
}

const isDigit = (c: string) => c >= '0' && c <= '9';
const isDigitOrX = (c: string) => isDigit(c) || c === 'X' || c === 'x';
const isAnyCharacter = () => true;
const isHan = (c: string | undefined) => c !== undefined && c >= '\u4e00' && c <= '\u9fff';

/** Positions of the counted characters in [start, end) except the first keepHead and last keepTail. */
function hideCounted(
	folded: string,
	start: number,
	end: number,
	keepHead: number,
	keepTail: number,
	counts: (c: string) => boolean
): number[] {
	const counted: number[] = [];
	for (let i = start; i < end; i++) if (counts(folded[i])) counted.push(i);
	return counted.slice(keepHead, Math.max(keepHead, counted.length - keepTail));
}

/** Every match of a pattern (which must have the g and d flags) as a span hiding part of one group. */
function findGroupSpans(
	pattern: RegExp,
	group: number,
	hide: (folded: string, start: number, end: number) => number[]
): (folded: string) => PersonalSpan[] {
	return (folded) =>
		[...folded.matchAll(pattern)].map((match) => {
			const [groupStart, groupEnd] = match.indices![group];
			return {
				start: match.index,
				end: match.index + match[0].length,
				hidden: hide(folded, groupStart, groupEnd)
			};
		});
}

const dash = '\\-\u2013\u2014';
const separator = `[\\s${dash}]?`;

const idCardPattern = new RegExp(
	`(?<![0-9])([1-9]\\d{5}${separator}(?:18|19|20)\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])${separator}\\d{3}[\\dXx])(?![0-9Xx])`,
	'gd'
);
const emailPattern = /([A-Za-z0-9._%+-]+)@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/dg;
const mobilePattern = new RegExp(
	`(?<!\\d)(?:(?:\\+|00)?86${separator}|0)?(1[3-9]\\d${separator}\\d{4}${separator}\\d{4})(?!\\d)`,
	'gd'
);
const landlinePattern = new RegExp(
	`(?<!\\d)\\(?0(?:10|2\\d|[3-9]\\d{2})\\)?${separator}([1-9]\\d{2,3}${separator}\\d{4})(?!\\d)`,
	'gd'
);
const labelledNumberPattern = new RegExp(
	`(?:电话|座机|固话|手机|联系方式|tel|phone)(?:号码|号)?[\\s:：是为]*([2-9]\\d{2,3}${separator}\\d{4})(?!\\d)`,
	'gdi'
);
const handlePattern =
	/(?<![A-Za-z])(?:微信|wechat|weixin|vx|wx|v信|qq)(?:号码|账号|号|id)?[\s:：是为]*([A-Za-z0-9][-_A-Za-z0-9]{4,19})/dgi;
const labelledNamePattern = /(?:姓名|联系人)[\s:：是为叫]*([\u4e00-\u9fff]{2,3})/dg;

/** A landline keeps its area code and the end of its local number: 0755-****9999. */
const hideLocalNumber = (folded: string, start: number, end: number) => {
	const digits = hideCounted(folded, start, end, 0, 0, isDigit).length;
	return hideCounted(folded, start, end, 0, digits - 4, isDigit);
};

/** In priority order: a span overlapping one already accepted is dropped. */
const spanFinders: ((folded: string) => PersonalSpan[])[] = [
	findGroupSpans(idCardPattern, 1, (f, s, e) => hideCounted(f, s, e, 3, 4, isDigitOrX)),
	findGroupSpans(emailPattern, 1, (f, s, e) => hideCounted(f, s, e, 1, 0, isAnyCharacter)),
	findGroupSpans(mobilePattern, 1, (f, s, e) => hideCounted(f, s, e, 3, 4, isDigit)),
	findGroupSpans(landlinePattern, 1, hideLocalNumber),
	findGroupSpans(labelledNumberPattern, 1, hideLocalNumber),
	findGroupSpans(handlePattern, 1, (f, s, e) => hideCounted(f, s, e, 1, 0, isAnyCharacter)),
	findHonorificNames,
	findGroupSpans(labelledNamePattern, 1, (f, s, e) => hideCounted(f, s, e, 1, 0, isAnyCharacter))
];

// The hundred commonest surnames (about 85% of people) and the compound ones still met.
const surnames = new Set(
	'王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩邓冯曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷黎史龙陶贺顾毛郝龚邵万钱严覃武戴莫孔向汤'
);
const compoundSurnames = new Set([
	'欧阳',
	'司马',
	'上官',
	'诸葛',
	'东方',
	'皇甫',
	'尉迟',
	'公孙',
	'慕容',
	'夏侯',
	'长孙',
	'司徒',
	'令狐',
	'宇文',
	'端木'
]);
// Everyday words holding a surname character: in 谢谢王师傅 or 上周李师傅 the 谢 and 周 are no surnames.
const commonWords = [
	'谢谢',
	'感谢',
	'多谢',
	'致谢',
	'答谢',
	'上周',
	'下周',
	'本周',
	'这周',
	'每周',
	'周末',
	'周一',
	'周二',
	'周三',
	'周四',
	'周五',
	'周六',
	'周日',
	'对于',
	'关于',
	'由于',
	'至于',
	'如何',
	'任何',
	'为何',
	'对方',
	'双方',
	'各方',
	'地方',
	'方便',
	'及时',
	'当时',
	'同时',
	'按时',
	'准时',
	'有时',
	'平时',
	'时候',
	'完成',
	'提高',
	'很高',
	'马上',
	'白天',
	'万一',
	'许多'
];
const honorificPattern =
	/总经理|工程师|先生|女士|小姐|阿姨|师傅|经理|大爷|大妈|大姐|大哥|老师|主任|叔叔|奶奶|爷爷|老板|管家|主管|队长|总监/g;

function isInCommonWord(folded: string, index: number): boolean {
	return commonWords.some((word) =>
		[...word].some(
			(c, offset) => c === folded[index] && index >= offset && folded.startsWith(word, index - offset)
		)
	);
}

function isSurnameAt(folded: string, index: number): boolean {
	return index >= 0 && surnames.has(folded[index]) && !isInCommonWord(folded, index);
}

/**
 * 王小明先生 → 王**先生: before an honorific, a surname followed by a one- or two-character given name.
 * The longer reading wins (a missed given name leaks more than a masked surname character).
 */
function findHonorificNames(folded: string): PersonalSpan[] {
	const spans: PersonalSpan[] = [];
	for (const match of folded.matchAll(honorificPattern)) {
		const at = match.index;
		for (const givenLength of [2, 1]) {
			const givenStart = at - givenLength;
			const given = [...Array(givenLength).keys()].map((i) => givenStart + i);
			if (!given.every((i) => i >= 0 && isHan(folded[i]))) continue;
			const compound = compoundSurnames.has(folded.slice(givenStart - 2, givenStart));
			if (!compound && !isSurnameAt(folded, givenStart - 1)) continue;
			spans.push({ start: givenStart - (compound ? 2 : 1), end: at + match[0].length, hidden: given });
			break;
		}
	}
	return spans;
}
