/** Workflow entry for the worker bundle: exports every workflow function by type name. */
export { incidentWorkflow } from './incident/incident.workflow';
