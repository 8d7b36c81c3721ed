import type { Endpoint } from '../../../shared/model/index.js';
import type { EngineApi } from './api.js';
import { defaultEngine, type EngineChoice } from './choose.js';
import { ContainerdEngine, DOCKER_NAMESPACE } from './containerd/engine.js';
import { Engine } from './engine.js';
import { MultiEngine } from './multi.js';
import type { ContainerEngine } from './types.js';

export interface CreateEngineOptions {
  live?: boolean;
  /** The CLI's head start on Docker's list (prefetch.ts). */
  early?: { endpoint: Endpoint; api: EngineApi } | null;
}

/** The engine for --engine (or the default): Docker's API, containerd's, or both. */
export function createEngine(choice: EngineChoice | undefined, opts: CreateEngineOptions = {}): ContainerEngine {
  const live = opts.live ?? true;
  const docker = () => (opts.early ? new Engine(opts.early.endpoint, { live, api: opts.early.api }) : new Engine(undefined, { live }));
  switch (choice ?? defaultEngine()) {
    case 'docker':
      return docker();
    case 'containerd':
      return new ContainerdEngine(undefined, { live });
    case 'all':
      // Docker's containers on the system containerd (namespace moby) are listed once, by Docker.
      return new MultiEngine([docker(), new ContainerdEngine(undefined, { live, skipNamespaces: [DOCKER_NAMESPACE] })]);
  }
}
