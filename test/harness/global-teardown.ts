import { rmSync } from 'node:fs';
import type { HarnessState } from './global-setup';

export default async function globalTeardown(): Promise<void> {
  const state = (globalThis as { __harness?: Partial<HarnessState> }).__harness;
  if (!state) return;
  await state.temporal?.teardown();
  await state.dropDatabase?.();
  await state.stopPostgres?.();
  if (state.workDir) rmSync(state.workDir, { recursive: true, force: true });
}
