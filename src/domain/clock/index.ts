export * from './types';
export * from './calendar';
export * from './engine';
