/** The engineers' steps are defined once, in the catalogue (src/domain/catalogue.ts). */
export { STEP_NAMES, STEP_PATHS, type StepBase, type StepBody, type StepName, type StepPayloads } from '../catalogue';
