import type { NsInspectApi } from '../../../shared/api/contract';
import { createElectronClient } from './electron';
import type { ApiClient } from './types';
import { createWsClient } from './ws';

export * from './types';

let current: ApiClient | null = null;

/** The API client, picked at startup: the preload's bridge in Electron, else the WebSocket. */
export function api(): ApiClient {
  if (!current) {
    const bridge = (globalThis as { nsinspect?: NsInspectApi }).nsinspect;
    current = bridge ? createElectronClient(bridge) : createWsClient();
  }
  return current;
}

/** Tests put a fake here. */
export function setApi(client: ApiClient | null): void {
  current = client;
}
