/** The exposure simulator: past incidents replayed through the ladder engine under another policy. */
export * from './types';
export * from './replay';
export * from './memory-ledger';
export * from './simulate';
