// The engineer's steps: URL segment and the fields each one needs. Labels: domain:step.<name> for
// the step, ui stepField.<field> for its fields, domain:<group>.<value> for choices.
export const STEPS = {
  acknowledge: { path: 'acknowledge', fields: [] },
  remoteSession: { path: 'remote-session', fields: [] },
  diagnosis: {
    path: 'diagnosis',
    fields: [
      { name: 'outcome', options: ['needs_onsite', 'resolved_remotely'], labels: 'outcome' },
      { name: 'cause', label: 'causeIfResolved', optional: true },
      { name: 'method', label: 'methodIfResolved', optional: true },
    ],
  },
  dispatch: { path: 'dispatch', fields: [{ name: 'engineer' }] },
  arrive: { path: 'arrive', fields: [] },
  spare: { path: 'spare', fields: [{ name: 'unitId' }] },
  majorProblem: { path: 'major-problem', fields: [] },
  experts: { path: 'experts', fields: [{ name: 'experts', list: true }] },
  restore: { path: 'restore', fields: [{ name: 'cause' }, { name: 'method' }] },
  signOff: { path: 'sign-off', fields: [{ name: 'signer' }] },
  pause: { path: 'pause', fields: [{ name: 'reason', options: ['waiting_on_customer', 'force_majeure'], labels: 'pauseReason' }] },
  resume: { path: 'resume', fields: [] },
  reclassify: { path: 'reclassify', fields: [{ name: 'severity', options: 'severities' }] },
  exclude: { path: 'exclude', fields: [{ name: 'reason', label: 'exclusionReason' }] },
  cancel: { path: 'cancel', fields: [{ name: 'reason', label: 'cancelReason' }] },
};
