import type { EventChannel } from './channels.js';
import type { ApiError } from './error.js';

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
/** The query parameter of the URL `serve` prints; the page takes the token from it (never a cookie). */
export const TOKEN_PARAM = 'token';

/**
 * The page offers two subprotocols when it opens the socket: this one, which the server picks,
 * and TOKEN_PROTOCOL_PREFIX + token, which carries the token (browsers let a page set no other
 * header on a WebSocket). Hex tokens are valid subprotocol characters.
 */
export const WS_PROTOCOL = 'nsinspect.v1';
export const TOKEN_PROTOCOL_PREFIX = 'nsinspect.token.';

export function socketProtocols(token: string): string[] {
  return [WS_PROTOCOL, `${TOKEN_PROTOCOL_PREFIX}${token}`];
}
