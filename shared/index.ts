export * from './model/index.js';
export * from './api/contract.js';
export * from './api/shell.js';
export * from './api/validate.js';
export * from './api/settings.js';
export * from './api/settings-schema.js';
export * from './api/shell-request.js';
export * from './messages.js';
