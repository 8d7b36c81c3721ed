import { BRIDGE_ERROR_MARK } from '../../../shared/api/channels';
import type { NsInspectApi } from '../../../shared/api/contract';
import { makeClient } from '../../../shared/api/make-client';
import { ApiFailure, type ApiClient } from './types';

/** An Error from the bridge back into the ApiError the preload marked in its message. */
export function decodeBridgeError(e: unknown): unknown {
  const m = String((e as Error)?.message ?? e);
  const i = m.indexOf(BRIDGE_ERROR_MARK);
  return i >= 0 ? new ApiFailure(JSON.parse(m.slice(i + BRIDGE_ERROR_MARK.length))) : e;
}

/** The Electron face: `window.nsinspect` from the preload, with errors decoded. */
export function createElectronClient(bridge: NsInspectApi): ApiClient {
  const fns = bridge as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
  return {
    ...makeClient(async (channel, args) => {
      try {
        return await fns[channel]!(...args);
      } catch (e) {
        throw decodeBridgeError(e);
      }
    }),
    face: 'electron',
    link: () => 'open',
    onLink: () => () => undefined,
    on: bridge.on.bind(bridge),
  };
}
