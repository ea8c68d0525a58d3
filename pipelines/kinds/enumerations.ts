/**
 * Enumerations of the domain: stored by English code, recognised by any label (Chinese or English).
 * The first label of each code is its Chinese display name, the code itself its English key.
 */
export const channelLabels = {
	phone: ['来电', '电话', '热线', 'phone', 'call', 'telephone', 'hotline'],
	visit: ['来访', '上门', '前台', 'visit', 'walk-in', 'in person'],
	letter: ['来函', '信函', '书面', 'letter', 'mail'],
	online: ['线上', '网络', '微信', '小程序', 'app', 'online', 'web', 'wechat', 'email'],
	other: ['其他', 'other']
} as const;

export const complaintCategoryLabels = {
	renovation_noise: ['装修噪音', '装修扰民', '噪音', 'renovation noise', 'noise'],
	public_facility: [
		'公共设施',
		'公共设施故障',
		'设施设备',
		'public facility',
		'public facility fault',
		'facilities'
	],
	in_unit_repair: ['户内维修', '室内维修', 'in-unit repair', 'in unit repair'],
	cleaning: ['清洁卫生', '保洁', '环境卫生', '卫生', 'cleaning', 'cleaning & sanitation', 'sanitation'],
	greening: ['绿化', '绿化养护', 'greening', 'landscaping'],
	pests: ['虫害', '消杀', '鼠患', 'pests', 'pest control'],
	security: ['安全', '安保', '治安', '秩序', 'security', 'safety'],
	parking: ['停车', '车位', '停车管理', 'parking'],
	lifts: ['电梯', '电梯故障', 'lifts', 'lift', 'elevator', 'elevators'],
	outage: ['停水停电', '停水', '停电', 'water/power outage', 'outage', 'power outage', 'water outage'],
	mail: ['快递', '信件', '邮件包裹', '快递信件', 'mail & parcels', 'mail', 'parcels'],
	fees: ['收费', '费用', '物业费', '收费问题', 'fees & billing', 'fees', 'billing'],
	staff_attitude: ['服务态度', '员工态度', 'staff attitude', 'attitude'],
	neighbour_dispute: ['邻里纠纷', '邻里', 'neighbour dispute', 'neighbor dispute'],
	other: ['其他', 'other']
} as const;

export const severityLabels = {
	general: ['一般', '普通', 'general', 'normal'],
	major: ['重大', '较大', 'major', 'serious'],
	urgent: ['紧急', '重大紧急', 'urgent', 'critical']
} as const;

export const validityLabels = {
	valid: ['有效', '是', 'valid', 'yes', 'y', '1', 'true'],
	invalid: ['无效', '否', 'invalid', 'no', 'n', '0', 'false']
} as const;

/** Return-visit outcome, after a complaint or a repair (回访结果 / 回访满意度). */
export const returnVisitResultLabels = {
	very_satisfied: ['非常满意', 'very satisfied'],
	satisfied: ['满意', 'satisfied'],
	basically_satisfied: ['基本满意', '较满意', '一般', 'basically satisfied', 'fairly satisfied', 'neutral'],
	dissatisfied: ['不满意', '非常不满意', '很不满意', 'dissatisfied', 'very dissatisfied', 'unsatisfied'],
	unreachable: [
		'未接通',
		'无法联系',
		'联系不上',
		'拒访',
		'unreachable',
		'no answer',
		'not reached',
		'declined'
	]
} as const;

export const complaintStatusLabels = {
	open: ['待处理', '未处理', '已受理', '受理', 'open', 'new', 'received', 'pending'],
	in_progress: ['处理中', '跟进中', '进行中', 'in progress', 'processing'],
	resolved: ['已办结', '已解决', '已完成', '办结', '已处理', 'resolved', 'done', 'completed'],
	closed: ['已关闭', '已回访', '关闭', '已归档', 'closed', 'archived'],
	cancelled: ['已取消', '取消', '撤销', 'cancelled', 'canceled']
} as const;

export const repairLocationLabels = {
	in_unit: ['户内', '室内', '户内维修', 'in-unit', 'in unit', 'private'],
	common_area: ['公共区域', '公区', '公共部位', 'common area', 'common', 'public area']
} as const;

export const tradeLabels = {
	plumbing: ['给排水', '水管', '管道', '水路', '水', 'plumbing'],
	electrical: ['电气', '强电', '电路', '电', 'electrical', 'electric'],
	lifts: ['电梯', 'lifts', 'lift', 'elevator'],
	hvac: ['空调', '暖通', 'hvac', 'air conditioning'],
	doors_windows: ['门窗', '门', '窗', 'doors & windows', 'doors and windows', 'doors'],
	civil: ['土建', '墙面', '防水', 'civil', 'building works'],
	fire: ['消防', 'fire', 'fire systems', 'fire safety'],
	lighting: ['照明', '灯具', 'lighting', 'lights'],
	other: ['其他', 'other']
} as const;

export const repairPriorityLabels = {
	emergency: ['急修', '紧急', '特急', 'emergency'],
	urgent: ['加急', '较急', '急', 'urgent'],
	routine: ['一般', '普通', '常规', 'routine', 'normal', 'general']
} as const;

export const repairStatusLabels = {
	open: ['待派工', '待处理', '已受理', 'open', 'new', 'pending'],
	dispatched: ['已派工', '待上门', 'dispatched', 'assigned'],
	in_progress: ['维修中', '处理中', 'in progress'],
	completed: ['已完工', '已完成', '完成', 'completed', 'done'],
	closed: ['已关闭', '已回访', '已验收', 'closed'],
	cancelled: ['已取消', '取消', 'cancelled', 'canceled']
} as const;

export const propertyTypeLabels = {
	residential: ['住宅', '住户', '居民', 'residential', 'residence', 'home'],
	office: ['写字楼', '办公', '办公楼', 'office'],
	retail: ['商铺', '商业', '商场', '店铺', 'retail', 'shop', 'mall']
} as const;

export const occupancyLabels = {
	owner: ['业主自住', '自住', '业主', 'owner', 'owner-occupied', 'owner occupied'],
	tenant: ['出租', '租户', '租赁', 'tenant', 'rented', 'let'],
	vacant: ['空置', '空房', '未入住', 'vacant', 'empty']
} as const;

export const feeTypeLabels = {
	management: ['物业费', '物业管理费', '管理费', 'management fee', 'management', 'service charge'],
	utilities: ['水电费', '能耗', '能耗费', '水费', '电费', '公摊水电', 'utilities', 'water', 'electricity'],
	parking: ['停车费', '车位费', '车位管理费', 'parking', 'parking fee'],
	other: ['其他', '其他费用', 'other']
} as const;

export const respondentTypeLabels = {
	owner: ['业主', '产权人', 'owner'],
	tenant: ['租户', '住户', '承租人', 'tenant', 'occupant']
} as const;
