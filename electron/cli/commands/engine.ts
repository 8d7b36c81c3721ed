// The read-only commands: everything the engine answers.
import type { Command } from '../command.js';
import { formatComparison, formatContainers, formatInspection, formatLocation, formatMap, formatTopology } from '../format.js';

export const engineCommands: Command[] = [
  {
    name: 'ls',
    usage: 'ls',
    summary: 'containers with their PID and namespace inodes',
    arity: 0,
    async run(ctx) {
      const containers = await (await ctx.service()).listContainers();
      ctx.out({ containers }, (x) => formatContainers(x.containers, ctx.style));
    },
  },
  {
    name: 'inspect',
    usage: 'inspect <container|pid|host>',
    summary: 'namespaces of one container (or process) and what is in them',
    arity: 1,
    async run(ctx) {
      const i = await (await ctx.service()).inspect(ctx.args[0]!, { allowPid: true });
      ctx.out(i, (x) => formatInspection(x, ctx.style));
    },
  },
  {
    name: 'compare',
    usage: 'compare <a> <b>',
    summary: 'which namespaces two containers share (b may be "host")',
    arity: 2,
    async run(ctx) {
      const c = await (await ctx.service()).compare(ctx.args[0]!, ctx.args[1]!, { allowPid: true });
      ctx.out(c, (x) => formatComparison(x, ctx.style));
    },
  },
  {
    name: 'map',
    usage: 'map',
    summary: 'every namespace on the host and the containers in it',
    arity: 0,
    async run(ctx) {
      const m = await (await ctx.service()).hostMap();
      ctx.out(m, (x) => formatMap(x, ctx.style));
    },
  },
  {
    name: 'net',
    usage: 'net',
    summary: 'bridges, veth pairs and the container network namespaces behind them',
    arity: 0,
    async run(ctx) {
      const t = await (await ctx.service()).topology();
      ctx.out(t, (x) => formatTopology(x, ctx.style));
    },
  },
  {
    name: 'where',
    usage: 'where <container> <path>',
    summary: 'where a file inside a container lives on the host',
    arity: 2,
    async run(ctx) {
      const l = await (await ctx.service()).where(ctx.args[0]!, ctx.args[1]!);
      ctx.out(l, (x) => formatLocation(x, ctx.style));
      // As test(1) and ls do: a file that is not there is a failure, also for scripts.
      return l.exists ? 0 : 1;
    },
  },
];
