// The API's channel names, once, with no zod: the renderer's clients, the preload and the
// fakes are built from this list without pulling the schemas into the page's main chunk.

/** Every request channel; `requestSchemas` in contract.ts must have exactly these keys. */
export const REQUEST_CHANNELS = [
  'engineState',
  'listContainers',
  'inspect',
  'compare',
  'hostMap',
  'topology',
  'where',
  'containerAction',
  'upperLayer',
  'shellOpen',
  'shellInput',
  'shellResize',
  'shellAck',
  'shellClose',
  'settingsGet',
  'settingsSet',
  'askpassReply',
  'containerDetails',
  'logsOpen',
  'logsClose',
  'hostsList',
  'hostOpen',
  'hostClose',
] as const;
export type RequestChannel = (typeof REQUEST_CHANNELS)[number];

/** Every event the serving side pushes; `EventTypes` in contract.ts must have exactly these keys. */
export const EVENT_CHANNELS = [
  'engine',
  'containers',
  'shellData',
  'shellEnd',
  'settings',
  'askpass',
  'askpassEnd',
  'logsData',
  'logsEnd',
  'hosts',
] as const;
export type EventChannel = (typeof EVENT_CHANNELS)[number];

/** Electron IPC: request channel C is `${IPC_PREFIX}${C}`; all events share one channel. */
export const IPC_PREFIX = 'nsinspect:';
export const IPC_EVENT_CHANNEL = `${IPC_PREFIX}event`;

/** contextBridge keeps only an Error's message, so the preload puts the ApiError there, after this mark. */
export const BRIDGE_ERROR_MARK = 'nsinspect-api-error:';
