import type { DashboardFilters, DateRange } from '$lib/filters/dashboard-filters.ts';
import type { AreaScope } from '../scope.ts';
import type { SlaSettings } from '../settings/sla-settings.ts';
import {
	computeComplaintTimeliness,
	computeComplaintTimelinessBy,
	type ComplaintTimeliness
} from '../metrics/complaint-timeliness.ts';
import { withMetricContext } from '../metrics/metric-context.ts';
import {
	computeRepairTimeliness,
	computeRepairTimelinessBy,
	type RepairTimeliness
} from '../metrics/repair-timeliness.ts';
import {
	computeResolutionDistribution,
	type ResolutionDistribution
} from '../metrics/resolution-distribution.ts';
import {
	listComplaintBreaches,
	listOverdueComplaints,
	listOverdueWorkOrders,
	listReturnVisitsDue,
	type ActionList,
	type ReturnVisitDue,
	type SlaItem
} from '../metrics/sla-lists.ts';
import { resolveSparklineMonths } from './kpi-tiles.ts';

/** A figure of one group (department, area, team or month); null for records without one. */
export type Keyed<T> = T & { key: string | null };

export interface TimelinessDashboard {
	asOf: string;
	period: DateRange;
	sla: SlaSettings;
	complaints: ComplaintTimeliness;
	complaintsByDepartment: Keyed<ComplaintTimeliness>[];
	complaintsByArea: Keyed<ComplaintTimeliness>[];
	complaintsByMonth: Keyed<ComplaintTimeliness>[];
	repairs: RepairTimeliness;
	repairsByArea: Keyed<RepairTimeliness>[];
	repairsByTeam: Keyed<RepairTimeliness>[];
	repairsByMonth: Keyed<RepairTimeliness>[];
	distribution: ResolutionDistribution;
	breaches: ActionList<SlaItem>;
	overdueComplaints: ActionList<SlaItem>;
	overdueWorkOrders: ActionList<SlaItem>;
	returnVisitsDue: ActionList<ReturnVisitDue> & { overdue: number };
}

/** Every SLA rule of SPEC §5, where it slips (department, area, team), over time, and what to chase now. */
export async function loadTimelinessDashboard(
	filters: DashboardFilters,
	scope: AreaScope
): Promise<TimelinessDashboard> {
	return withMetricContext(filters, scope, async ({ connection, asOf, period, evaluatedAt, sla }) => {
		const months = resolveSparklineMonths(period).range;
		const args = [connection, filters, scope] as const;
		return {
			asOf,
			period,
			sla,
			complaints: await computeComplaintTimeliness(...args, period, evaluatedAt, sla),
			complaintsByDepartment: await computeComplaintTimelinessBy(
				...args,
				period,
				evaluatedAt,
				sla,
				'department'
			),
			complaintsByArea: await computeComplaintTimelinessBy(...args, period, evaluatedAt, sla, 'area'),
			complaintsByMonth: await computeComplaintTimelinessBy(...args, months, evaluatedAt, sla, 'month'),
			repairs: await computeRepairTimeliness(...args, period, evaluatedAt, sla),
			repairsByArea: await computeRepairTimelinessBy(...args, period, evaluatedAt, sla, 'area'),
			repairsByTeam: await computeRepairTimelinessBy(...args, period, evaluatedAt, sla, 'team'),
			repairsByMonth: await computeRepairTimelinessBy(...args, months, evaluatedAt, sla, 'month'),
			distribution: await computeResolutionDistribution(...args, period, sla),
			breaches: await listComplaintBreaches(...args, period, evaluatedAt, sla),
			overdueComplaints: await listOverdueComplaints(...args, evaluatedAt, sla),
			overdueWorkOrders: await listOverdueWorkOrders(...args, evaluatedAt, sla),
			returnVisitsDue: await listReturnVisitsDue(...args, period, evaluatedAt, sla)
		};
	});
}
