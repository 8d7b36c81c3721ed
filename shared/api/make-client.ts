import { REQUEST_CHANNELS, type RequestChannel } from './channels.js';
import type { NsInspectApi } from './contract.js';

/** The request half of the API: one function per channel. */
export type ApiRequests = Omit<NsInspectApi, 'on'>;

/** How a client carries one request (IPC, the WebSocket, a test's fake). */
export type Call = (channel: RequestChannel, args: unknown[]) => Promise<unknown>;

/** One function per contract channel, all going through `call`; every face builds its client this way. */
export function makeClient(call: Call): ApiRequests {
  return Object.fromEntries(REQUEST_CHANNELS.map((c) => [c, (...args: unknown[]) => call(c, args)])) as unknown as ApiRequests;
}
