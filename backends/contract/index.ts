export * from './backend.js';
export * from './errors.js';
export * from './resources.js';
export * from './selectors.js';
export * from './types.js';
