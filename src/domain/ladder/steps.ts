/** The engineers' steps are defined once, in the catalogue (src/domain/catalogue.ts). */
export { stepNames, stepRoute, type StepBase, type StepBody, type StepName, type StepPayloads } from '../catalogue';
