/**
 * The incident workflow's public surface: id helper, updates, query and search attributes.
 * The API imports these; the workflow implements them.
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import type { UpdateDefinition } from '@temporalio/common';
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import {
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

/** One update per engineer's step of the catalogue (named after the step); each has a validator that refuses steps that do not fit. */
export function stepUpdate<S extends StepName>(step: S): UpdateDefinition<IncidentView, [StepPayloads[S]], S> {
  return defineUpdate<IncidentView, [StepPayloads[S]], S>(step);
}

export interface IncidentSnapshot {
  state: IncidentState;
  input: IncidentWorkflowInput;
}

/** Raw state and pinned input; callers derive clock figures at their own `now` with buildView. */
export const snapshotQuery = defineQuery<IncidentSnapshot>('snapshot');

/** Prefix of a validator's refusal, so the API can tell a refused step from other failures. */
export const STEP_REFUSED = 'STEP_REFUSED';
