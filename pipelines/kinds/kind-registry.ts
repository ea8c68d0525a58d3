import { complaintsKind } from './complaints.kind.ts';
import { feesKind } from './fees.kind.ts';
import type { KindDefinition, KindName } from './kind-definition.ts';
import { paymentsKind } from './payments.kind.ts';
import { repairsKind } from './repairs.kind.ts';
import { surveysKind } from './surveys.kind.ts';
import { unitsKind } from './units.kind.ts';

export const kindRegistry: Record<KindName, KindDefinition> = {
	units: unitsKind,
	complaints: complaintsKind,
	repairs: repairsKind,
	fees: feesKind,
	payments: paymentsKind,
	surveys: surveysKind
};

export function getKind(kind: KindName): KindDefinition {
	return kindRegistry[kind];
}
