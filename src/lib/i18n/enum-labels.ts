import { m } from '$lib/paraglide/messages.js';

/**
 * Enumerations are stored by English code whatever language the source file used; the UI shows them in
 * the reader's language. An unknown code (a newer file, a site's own value) is shown as stored.
 */
type Labels = Record<string, () => string>;

const enumerations = {
	category: {
		renovation_noise: m.category_renovation_noise,
		public_facility: m.category_public_facility,
		in_unit_repair: m.category_in_unit_repair,
		cleaning: m.category_cleaning,
		greening: m.category_greening,
		pests: m.category_pests,
		security: m.category_security,
		parking: m.category_parking,
		lifts: m.category_lifts,
		outage: m.category_outage,
		mail: m.category_mail,
		fees: m.category_fees,
		staff_attitude: m.category_staff_attitude,
		neighbour_dispute: m.category_neighbour_dispute,
		other: m.category_other
	},
	channel: {
		phone: m.channel_phone,
		visit: m.channel_visit,
		letter: m.channel_letter,
		online: m.channel_online,
		other: m.channel_other
	},
	severity: { general: m.severity_general, major: m.severity_major, urgent: m.severity_urgent },
	validity: { valid: m.validity_valid, invalid: m.validity_invalid, all: m.validity_all },
	complaintStatus: {
		open: m.complaint_status_open,
		in_progress: m.complaint_status_in_progress,
		resolved: m.complaint_status_resolved,
		closed: m.complaint_status_closed,
		cancelled: m.complaint_status_cancelled
	},
	priority: { emergency: m.priority_emergency, urgent: m.priority_urgent, routine: m.priority_routine },
	repairStatus: {
		open: m.repair_status_open,
		dispatched: m.repair_status_dispatched,
		in_progress: m.repair_status_in_progress,
		completed: m.repair_status_completed,
		closed: m.repair_status_closed,
		cancelled: m.repair_status_cancelled
	},
	visitResult: {
		very_satisfied: m.visit_result_very_satisfied,
		satisfied: m.visit_result_satisfied,
		basically_satisfied: m.visit_result_basically_satisfied,
		dissatisfied: m.visit_result_dissatisfied,
		unreachable: m.visit_result_unreachable
	},
	trade: {
		plumbing: m.trade_plumbing,
		electrical: m.trade_electrical,
		lifts: m.trade_lifts,
		hvac: m.trade_hvac,
		doors_windows: m.trade_doors_windows,
		civil: m.trade_civil,
		fire: m.trade_fire,
		lighting: m.trade_lighting,
		other: m.trade_other
	},
	surveyDimension: {
		overall: m.survey_dimension_overall,
		customer_service: m.survey_dimension_customer_service,
		repairs: m.survey_dimension_repairs,
		complaint_handling: m.survey_dimension_complaint_handling,
		cleaning: m.survey_dimension_cleaning,
		greening: m.survey_dimension_greening,
		security: m.survey_dimension_security,
		parking: m.survey_dimension_parking,
		communication: m.survey_dimension_communication,
		value_for_money: m.survey_dimension_value_for_money,
		building_safety: m.survey_dimension_building_safety,
		unassigned: m.survey_dimension_unassigned
	},
	feeType: {
		management: m.arrears_fee_type_management,
		utilities: m.arrears_fee_type_utilities,
		parking: m.arrears_fee_type_parking,
		other: m.arrears_fee_type_other
	},
	surveyScale: {
		likert5: m.survey_scale_label_likert5,
		sat3: m.survey_scale_label_sat3,
		score0_10: m.survey_scale_label_score0_10,
		yes_no: m.survey_scale_label_yes_no
	}
} satisfies Record<string, Labels>;

export type EnumerationName = keyof typeof enumerations;

export function labelEnumeration(name: EnumerationName, code: string | null | undefined): string {
	if (code == null || code === '') return m.unknown_value();
	const label = (enumerations[name] as Labels)[code];
	return label ? label() : code;
}

/** The codes of an enumeration, in the catalogue's order (for filter choices). */
export function listEnumerationCodes(name: EnumerationName): string[] {
	return Object.keys(enumerations[name]);
}

const dataKinds: Labels = {
	units: m.kind_units,
	complaints: m.kind_complaints,
	repairs: m.kind_repairs,
	fees: m.kind_fees,
	payments: m.kind_payments,
	surveys: m.kind_surveys
};

const batchStatuses: Labels = {
	loaded: m.batch_status_loaded,
	partial: m.batch_status_partial,
	rejected: m.batch_status_rejected,
	failed: m.batch_status_failed,
	rolled_back: m.batch_status_rolled_back
};

/** A data kind (units, complaints …) in the UI language; an unknown one as stored. */
export function labelDataKind(kind: string): string {
	return dataKinds[kind]?.() ?? kind;
}

/** The kinds a file can be, in upload order, for the kind chooser and the template links. */
export function listDataKinds(): { code: string; label: string }[] {
	return Object.entries(dataKinds).map(([code, label]) => ({ code, label: label() }));
}

export function labelBatchStatus(status: string): string {
	return batchStatuses[status]?.() ?? status;
}
