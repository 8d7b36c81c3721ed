import type { AccessSettings, SettingsState } from '../../../shared/api/settings.js';
import { AccessController, type SettingsStore } from '../access/controller.js';
import type { AskpassBroker } from '../api/askpass-broker.js';
import type { EngineChoice } from '../engine/choose.js';
import { createEngine } from '../engine/create.js';
import { NsInspectService } from '../service.js';
import { ShellManager } from '../shell/manager.js';
import type { HostFactory, HostRuntime } from './host-set.js';

export interface HostStackOptions {
  /** The engine kind of the first host (--engine); a context opened beside it is a Docker endpoint. */
  engine?: EngineChoice | undefined;
  askpass: AskpassBroker;
  /** Start-up settings (--access, --helper-image), for every host. */
  initial?: Partial<AccessSettings>;
  /** Where the first host's settings are kept (the desktop app's file); the others' live in memory. */
  store?: SettingsStore;
  /** Each access change of a host, as it settles. */
  onAccess?: (context: string | null, state: SettingsState) => void;
}

/**
 * One engine host's whole stack for a docker context: engine, access, service and shells, wired
 * as both faces (serve and the desktop app) need them, so that a host opened beside the first
 * behaves as the first does.
 */
export function hostStacks(opts: HostStackOptions): HostFactory {
  let opened = 0;
  return (context, entry): HostRuntime => {
    const first = opened++ === 0;
    const engine =
      entry?.engine === 'containerd'
        ? createEngine('containerd')
        : createEngine(first ? opts.engine : 'docker', context ? { choice: { context } } : {});
    const controller = new AccessController({
      engine,
      askpass: opts.askpass,
      ...(opts.initial ? { initial: opts.initial } : {}),
      ...(first && opts.store ? { store: opts.store } : {}),
    });
    const service = new NsInspectService(engine, controller.access);
    controller.on('switched', () => service.resetProbe());
    const shells = new ShellManager({ engine, backends: controller.backends });
    controller.attach(shells);
    controller.on('state', (s) => {
      if (s.status.state !== 'starting') opts.onAccess?.(context, s);
    });
    return {
      service,
      shells,
      settings: controller,
      async close() {
        await shells.closeAll().catch(() => undefined);
        await service.close().catch(() => undefined);
        await controller.close();
      },
    };
  };
}
