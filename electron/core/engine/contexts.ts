import type { EngineContext } from '../../../shared/model/index.js';
import { contextsDir, currentContext, readContexts, type EndpointChoice } from './endpoint.js';

/**
 * The docker contexts as `docker context ls` lists them: "default" (what DOCKER_HOST names, else
 * the system socket) first, then the ones under contexts/meta, the current one marked.
 */
export function listContexts(
  choice: EndpointChoice = {},
  env: NodeJS.ProcessEnv = process.env,
): {
  contexts: EngineContext[];
  current: { name: string; why: string };
  contextsDir: string;
} {
  const current = currentContext({ env, choice });
  const dir = contextsDir({ env });
  const rows: EngineContext[] = [
    {
      name: 'default',
      description: 'the engine DOCKER_HOST names, else the system socket',
      endpoint: choice.host ?? env.DOCKER_HOST ?? 'unix:///var/run/docker.sock',
      tls: null,
      current: false,
    },
    ...readContexts(dir).map((c) => ({
      name: c.name,
      description: c.description,
      endpoint: c.host,
      tls: c.tls ? { dir: c.tls.dir, verify: c.tls.verify } : null,
      current: false,
    })),
  ];
  for (const r of rows) r.current = r.name === current.name;
  return { contexts: rows, current: { name: current.name, why: current.why }, contextsDir: `${dir}/contexts` };
}
