/** Workflow entry of arm A's bundle (bundled separately from the product's workflows/). */
export { floorWorkflow } from './floor.workflow';
