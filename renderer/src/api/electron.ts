import type { NsInspectApi, RequestChannel } from '../../../shared/api/contract';
import { ApiFailure, type ApiClient } from './types';

/** The preload puts the ApiError in the Error's message (contextBridge keeps only that). */
const MARK = 'nsinspect-api-error:';

/** The Electron face: `window.nsinspect` from the preload, with errors decoded. */
export function createElectronClient(bridge: NsInspectApi): ApiClient {
  const wrap = (c: string) => async (...args: unknown[]) => {
    try {
      return await (bridge as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[c]!(...args);
    } catch (e) {
      const m = String((e as Error)?.message ?? e);
      const i = m.indexOf(MARK);
      if (i >= 0) throw new ApiFailure(JSON.parse(m.slice(i + MARK.length)));
      throw e;
    }
  };
  const channels: RequestChannel[] = [
    'engineState', 'listContainers', 'inspect', 'compare', 'hostMap', 'topology', 'where', 'containerAction', 'upperLayer',
    'shellOpen', 'shellInput', 'shellResize', 'shellAck', 'shellClose',
    'settingsGet', 'settingsSet', 'askpassReply',
  ];
  return {
    face: 'electron',
    link: () => 'open',
    onLink: () => () => undefined,
    on: bridge.on.bind(bridge),
    ...Object.fromEntries(channels.map((c) => [c, wrap(c)])),
  } as unknown as ApiClient;
}
