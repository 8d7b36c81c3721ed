import { useSyncExternalStore } from 'react';
import { api, type LinkState } from '../api';

/** The link to whatever serves the API (always open in Electron; the WebSocket in the browser). */
export function useLinkState(): LinkState {
  return useSyncExternalStore(
    (cb) => api().onLink(cb),
    () => api().link(),
  );
}
