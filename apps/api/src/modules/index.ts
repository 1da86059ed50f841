// Cross-cutting entry points (app wiring, demo seed). Modules themselves import each other's index.ts.
export * from './catalog/index.js';
export * from './identity/index.js';
export * from './orders/index.js';
export * from './studios/index.js';
