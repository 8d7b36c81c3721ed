import type { EngineContext } from '../../../shared/model/index.js';
import type { Command } from '../command.js';
import { formatContexts } from '../format-contexts.js';

export type ContextRow = EngineContext;

/** `nsinspect contexts`: the docker contexts, as `docker context ls` lists them, and the current one. */
export const contextsCommand: Command = {
  name: 'contexts',
  usage: 'contexts',
  summary: 'the docker contexts (engines) to choose with --context, and the current one',
  arity: 0,
  async run(ctx) {
    const { listContexts } = await import('../../core/engine/contexts.js');
    const listed = listContexts({
      ...(typeof ctx.options.context === 'string' ? { context: ctx.options.context } : {}),
      ...(typeof ctx.options.host === 'string' ? { host: ctx.options.host } : {}),
    });
    ctx.out(listed, (x) => formatContexts(x.contexts, x.current, ctx.style));
  },
};
