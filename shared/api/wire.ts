import type { EventChannel } from './channels.js';
import type { ApiError } from './error.js';

/**
 * The browser mode's WebSocket protocol: the same API as Electron IPC, as JSON.
 * Requests `{id, channel, args}` answer `{id, result}` or `{id, error}`;
 * events arrive as `{event, payload}`. Terminal bytes (shellData) travel as binary frames
 * (encodeShellData), the one kind of binary frame there is: no base64, no JSON around them.
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
/** The first byte of a binary frame: a shellData event. */
export const SHELL_DATA_FRAME = 1;

/**
 * shellData on the socket: [SHELL_DATA_FRAME][length of the id][the id, ASCII][the bytes].
 * A session id is short and ASCII (the manager makes it); anything else is refused.
 */
export function encodeShellData(id: string, data: Uint8Array): Uint8Array {
  if (id.length > 255 || !/^[\x21-\x7e]*$/.test(id)) throw new Error(`not a session id: ${JSON.stringify(id)}`);
  const out = new Uint8Array(2 + id.length + data.byteLength);
  out[0] = SHELL_DATA_FRAME;
  out[1] = id.length;
  for (let i = 0; i < id.length; i++) out[2 + i] = id.charCodeAt(i);
  out.set(data, 2 + id.length);
  return out;
}

/** The session and its bytes (a view into the frame, not a copy); null for any other frame. */
export function decodeShellData(frame: Uint8Array): { id: string; data: Uint8Array } | null {
  if (frame.byteLength < 2 || frame[0] !== SHELL_DATA_FRAME || frame.byteLength < 2 + frame[1]!) return null;
  const end = 2 + frame[1]!;
  return { id: String.fromCharCode(...frame.subarray(2, end)), data: frame.subarray(end) };
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
