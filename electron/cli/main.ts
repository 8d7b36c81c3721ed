import { parseArgs } from 'node:util';
import { NsInspectError } from '../core/errors.js';
import { Engine } from '../core/engine/engine.js';
import { createAccess, isAccessKind } from '../core/access/select.js';
import { NsInspectService } from '../core/service.js';
import { COLOR, PLAIN, formatComparison, formatContainers, formatInspection, formatLocation, formatMap } from './format.js';

const USAGE = `Usage: nsinspect <command> [options]

Commands:
  ls                        containers with their PID and namespace inodes
  inspect <container|pid>   namespaces of one container (or process) and what is in them
  compare <a> <b>           which namespaces two containers share (b may be "host")
  map                       every namespace on the host and the containers in it
  where <container> <path>  where a file inside a container lives on the host

Options:
  --json                    machine-readable output (the contract the app uses)
  --access <kind>           direct | docker-helper | host-helper (default: direct)
  --no-color                plain output even on a terminal
  -h, --help                this help
`;

export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        access: { type: 'string' },
        'no-color': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    process.stderr.write(`nsinspect: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [cmd, ...args] = positionals;
  if (values.help || !cmd) {
    process.stdout.write(USAGE);
    return cmd || values.help ? 0 : 2;
  }
  const arity: Record<string, number> = { ls: 0, inspect: 1, compare: 2, map: 0, where: 2 };
  if (!(cmd in arity)) {
    process.stderr.write(`nsinspect: unknown command "${cmd}"\n${USAGE}`);
    return 2;
  }
  if (args.length !== arity[cmd]) {
    process.stderr.write(`nsinspect: ${cmd} takes ${arity[cmd]} argument(s), got ${args.length}\n`);
    return 2;
  }
  if (values.access !== undefined && !isAccessKind(values.access)) {
    process.stderr.write(`nsinspect: --access must be direct, docker-helper or host-helper\n`);
    return 2;
  }
  const style = process.stdout.isTTY && !values['no-color'] && !process.env.NO_COLOR ? COLOR : PLAIN;
  const out = (data: unknown, human: () => string) =>
    process.stdout.write(values.json ? `${JSON.stringify(data, null, 2)}\n` : `${human()}\n`);

  let service: NsInspectService | null = null;
  try {
    const access = await createAccess({ kind: values.access as never });
    service = new NsInspectService(new Engine(), access);
    switch (cmd) {
      case 'ls': {
        const list = await service.listContainers();
        out(list, () => formatContainers(list, style));
        break;
      }
      case 'inspect': {
        const i = await service.inspect(args[0]!, { allowPid: true });
        out(i, () => formatInspection(i, style));
        break;
      }
      case 'compare': {
        const c = await service.compare(args[0]!, args[1]!, { allowPid: true });
        out(c, () => formatComparison(c, style));
        break;
      }
      case 'map': {
        const m = await service.hostMap();
        out(m, () => formatMap(m, style));
        break;
      }
      case 'where': {
        const l = await service.where(args[0]!, args[1]!);
        out(l, () => formatLocation(l, style));
        break;
      }
    }
    return 0;
  } catch (e) {
    if (e instanceof NsInspectError) {
      process.stderr.write(`nsinspect: ${e.message}${e.hint ? ` (${e.hint})` : ''}\n`);
      return e.code === 'engine' ? 3 : 1;
    }
    process.stderr.write(`nsinspect: internal error: ${(e as Error)?.message ?? String(e)}\n`);
    if (process.env.NSINSPECT_DEBUG) process.stderr.write(`${(e as Error)?.stack}\n`);
    return 70;
  } finally {
    await service?.close();
  }
}
