import type { ApiError, EventChannel } from './contract.js';

/**
 * The browser mode's WebSocket protocol: the same API as Electron IPC, as JSON.
 * Requests `{id, channel, args}` answer `{id, result}` or `{id, error}`;
 * events arrive as `{event, payload}`. Terminal bytes (shellData) travel base64.
 */
export interface WireRequest {
  id: number;
  channel: string;
  args: unknown[];
}
export type WireResponse = { id: number; result: unknown } | { id: number; error: ApiError };
export interface WireEvent {
  event: EventChannel;
  payload: unknown;
}
/** shellData on the socket. */
export interface WireShellData {
  id: string;
  /** base64 of the bytes */
  data: string;
}

/** The socket's path; the page that opens it is served at "/". */
export const WS_PATH = '/api';
/** The query parameter (and cookie prefix) that carries the access token. */
export const TOKEN_PARAM = 'token';
