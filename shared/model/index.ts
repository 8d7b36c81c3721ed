export * from './nstype.js';
export * from './problem.js';
export * from './container.js';
export * from './namespace.js';
export * from './sections.js';
export * from './inspection.js';
export * from './comparison.js';
export * from './hostmap.js';
