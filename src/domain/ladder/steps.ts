import type { PauseReason } from './types';

/** Every engineer's step carries who did it and an optional note. */
export interface StepBase {
  actor: string;
  note?: string;
}

export interface StepPayloads {
  acknowledge: StepBase;
  remoteSession: StepBase;
  diagnosis: StepBase & { outcome: 'resolved_remotely' | 'needs_onsite'; cause?: string; method?: string };
  dispatch: StepBase & { engineer: string };
  arrive: StepBase;
  spare: StepBase & { unitId: string };
  majorProblem: StepBase;
  experts: StepBase & { experts: string[] };
  restore: StepBase & { cause: string; method: string };
  signOff: StepBase & { signer: string };
  pause: StepBase & { reason: PauseReason };
  resume: StepBase;
  reclassify: StepBase & { severity: string };
  exclude: StepBase & { reason: string };
  cancel: StepBase & { reason: string };
}

export type StepName = keyof StepPayloads;

export const STEP_NAMES: StepName[] = [
  'acknowledge',
  'remoteSession',
  'diagnosis',
  'dispatch',
  'arrive',
  'spare',
  'majorProblem',
  'experts',
  'restore',
  'signOff',
  'pause',
  'resume',
  'reclassify',
  'exclude',
  'cancel',
];

/** URL path segment of each step (POST /api/v1/incidents/{id}/{segment}). */
export const STEP_PATHS: Record<StepName, string> = {
  acknowledge: 'acknowledge',
  remoteSession: 'remote-session',
  diagnosis: 'diagnosis',
  dispatch: 'dispatch',
  arrive: 'arrive',
  spare: 'spare',
  majorProblem: 'major-problem',
  experts: 'experts',
  restore: 'restore',
  signOff: 'sign-off',
  pause: 'pause',
  resume: 'resume',
  reclassify: 'reclassify',
  exclude: 'exclude',
  cancel: 'cancel',
};
