// The engineer's steps: URL segment, label and the fields each one needs.
export const STEPS = {
  acknowledge: { path: 'acknowledge', label: 'Acknowledge call', fields: [] },
  remoteSession: { path: 'remote-session', label: 'Start remote session', fields: [] },
  diagnosis: {
    path: 'diagnosis',
    label: 'Record diagnosis',
    fields: [
      { name: 'outcome', label: 'Outcome', options: ['needs_onsite', 'resolved_remotely'] },
      { name: 'cause', label: 'Cause (if resolved)', optional: true },
      { name: 'method', label: 'Method (if resolved)', optional: true },
    ],
  },
  dispatch: { path: 'dispatch', label: 'Dispatch engineer', fields: [{ name: 'engineer', label: 'Engineer' }] },
  arrive: { path: 'arrive', label: 'Arrived on site', fields: [] },
  spare: { path: 'spare', label: 'Deliver spare unit', fields: [{ name: 'unitId', label: 'Spare unit id' }] },
  majorProblem: { path: 'major-problem', label: 'Flag major problem', fields: [] },
  experts: { path: 'experts', label: 'Experts convened', fields: [{ name: 'experts', label: 'Experts (comma separated)', list: true }] },
  restore: {
    path: 'restore',
    label: 'Service restored',
    fields: [
      { name: 'cause', label: 'Cause' },
      { name: 'method', label: 'Method' },
    ],
  },
  signOff: { path: 'sign-off', label: 'Customer sign-off', fields: [{ name: 'signer', label: 'Signed by' }] },
  pause: {
    path: 'pause',
    label: 'Pause clocks',
    fields: [
      { name: 'reason', label: 'Reason', options: ['waiting_on_customer', 'force_majeure'] },
      { name: 'note', label: 'Note', optional: true },
    ],
  },
  resume: { path: 'resume', label: 'Resume clocks', fields: [] },
  reclassify: { path: 'reclassify', label: 'Reclassify', fields: [{ name: 'severity', label: 'New severity', options: 'severities' }] },
  exclude: { path: 'exclude', label: 'Exclude (customer-caused)', fields: [{ name: 'reason', label: 'Reason' }] },
  cancel: { path: 'cancel', label: 'Cancel (duplicate)', fields: [{ name: 'reason', label: 'Reason' }] },
};
