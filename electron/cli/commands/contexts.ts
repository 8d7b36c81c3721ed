import type { Command } from '../command.js';
import { formatContexts } from '../format-contexts.js';

export interface ContextRow {
  name: string;
  description: string;
  endpoint: string | null;
  tls: { dir: string; verify: boolean } | null;
  current: boolean;
}

/** `nsinspect contexts`: the docker contexts, as `docker context ls` lists them, and the current one. */
export const contextsCommand: Command = {
  name: 'contexts',
  usage: 'contexts',
  summary: 'the docker contexts (engines) to choose with --context, and the current one',
  arity: 0,
  async run(ctx) {
    const { contextsDir, currentContext, readContexts } = await import('../../core/engine/endpoint.js');
    const choice = {
      ...(typeof ctx.options.context === 'string' ? { context: ctx.options.context } : {}),
      ...(typeof ctx.options.host === 'string' ? { host: ctx.options.host } : {}),
    };
    const current = currentContext({ choice });
    const dir = contextsDir();
    const defaultHost = choice.host ?? process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock';
    const rows: ContextRow[] = [
      {
        name: 'default',
        description: 'the engine DOCKER_HOST names, else the system socket',
        endpoint: defaultHost,
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
    ctx.out({ contexts: rows, current: { name: current.name, why: current.why }, contextsDir: `${dir}/contexts` }, (x) =>
      formatContexts(x.contexts, x.current, ctx.style),
    );
  },
};
