/** The escalation ladder engine: pure, shared by the workflow, reconciliation, previews and simulations. */
export * from './types';
export * from './steps';
export * from './effects';
export * from './context';
export * from './clocks';
export * from './accrual';
export * from './refusals';
export * from './transitions';
export * from './view';
export * from './driver';
export * from './preview';
export * from './step-time';
