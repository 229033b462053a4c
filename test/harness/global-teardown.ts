import { rmSync } from 'node:fs';
import type { HarnessState } from './global-setup';

export default async function globalTeardown(): Promise<void> {
  const holder = globalThis as { __harness?: Partial<HarnessState> };
  const state = holder.__harness;
  if (!state) return;
  holder.__harness = undefined; // once, whether jest or a signal handler gets here first
  await state.temporal?.teardown();
  await state.dropDatabase?.();
  await state.stopPostgres?.();
  if (state.workDir) rmSync(state.workDir, { recursive: true, force: true });
}
