/**
 * The incident workflow's public surface: id helper, updates, query and search attributes.
 * The API imports these; the workflow implements them.
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import {
  STEP_NAMES,
  type IncidentState,
  type IncidentView,
  type IncidentWorkflowInput,
  type StepName,
  type StepPayloads,
} from '../../src/domain/ladder';

export const INCIDENT_WORKFLOW_TYPE = 'incidentWorkflow';

/** Workflow ids come from business ids: one workflow per incident, a second start is refused. */
export function incidentWorkflowId(incidentId: string): string {
  return `incident-${incidentId}`;
}

export const searchAttributes = {
  status: defineSearchAttributeKey('IncidentStatus', SearchAttributeType.KEYWORD),
  severity: defineSearchAttributeKey('IncidentSeverity', SearchAttributeType.KEYWORD),
  contractId: defineSearchAttributeKey('ContractId', SearchAttributeType.KEYWORD),
  rung: defineSearchAttributeKey('IncidentRung', SearchAttributeType.KEYWORD),
};
export const SEARCH_ATTRIBUTE_KEYS = Object.values(searchAttributes);

/** One update per engineer's step of the catalogue; each has a validator that refuses steps that do not fit. */
export const stepUpdates = Object.fromEntries(STEP_NAMES.map((step) => [step, defineUpdate(step)])) as {
  [S in StepName]: ReturnType<typeof defineUpdate<IncidentView, [StepPayloads[S]]>>;
};

export interface IncidentSnapshot {
  state: IncidentState;
  input: IncidentWorkflowInput;
}

/** Raw state and pinned input; callers derive clock figures at their own `now` with buildView. */
export const snapshotQuery = defineQuery<IncidentSnapshot>('snapshot');

/** Prefix of a validator's refusal, so the API can tell a refused step from other failures. */
export const STEP_REFUSED = 'STEP_REFUSED';
