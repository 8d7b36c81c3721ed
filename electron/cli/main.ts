import { parseArgs } from 'node:util';
import { NsInspectError } from '../core/errors.js';
import { Engine } from '../core/engine/engine.js';
import { createAccess, isAccessKind } from '../core/access/select.js';
import { NsInspectService } from '../core/service.js';
import type { Command } from './command.js';
import { COMMANDS } from './commands/index.js';
import { COLOR, PLAIN } from './format.js';

function usage(): string {
  // Long usages (shell, serve) get their summary on the next line, so the short ones stay readable.
  const width = Math.max(...COMMANDS.map((c) => c.usage.length).filter((n) => n <= 32));
  return `Usage: nsinspect <command> [options]

Commands:
${COMMANDS.map((c) => (c.usage.length > width ? `  ${c.usage}\n  ${' '.repeat(width)}  ${c.summary}` : `  ${c.usage.padEnd(width)}  ${c.summary}`)).join('\n')}

Options:
  --json                    machine-readable output (the contract the app uses)
  --access <kind>           direct | docker-helper | host-helper (default: the first that works)
  --helper-image <image>    image of the docker-helper container (default: busybox:1.36.1, pinned by digest)
  --no-color                plain output even on a terminal
  -h, --help                this help
`;
}

const GLOBAL_OPTIONS = {
  json: { type: 'boolean', default: false },
  access: { type: 'string' },
  'helper-image': { type: 'string' },
  'no-color': { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

function arityOk(c: Command, n: number): boolean {
  const [min, max] = typeof c.arity === 'number' ? [c.arity, c.arity] : c.arity;
  return n >= min && n <= max;
}

export async function main(argv: string[]): Promise<number> {
  const first = argv.find((a) => !a.startsWith('-'));
  const command = COMMANDS.find((c) => c.name === first);
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { ...GLOBAL_OPTIONS, ...(command?.options ?? {}) } });
  } catch (e) {
    process.stderr.write(`nsinspect: ${(e as Error).message}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help || !first) {
    process.stdout.write(usage());
    return values.help ? 0 : 2;
  }
  if (!command) {
    process.stderr.write(`nsinspect: unknown command "${first}" (see nsinspect --help)\n`);
    return 2;
  }
  const args = positionals.slice(1);
  if (!arityOk(command, args.length)) {
    process.stderr.write(`nsinspect: usage: nsinspect ${command.usage}\n`);
    return 2;
  }
  if (values.access !== undefined && !isAccessKind(values.access)) {
    process.stderr.write('nsinspect: --access must be direct, docker-helper or host-helper\n');
    return 2;
  }
  const style = process.stdout.isTTY && !values['no-color'] && !process.env.NO_COLOR ? COLOR : PLAIN;
  let service: NsInspectService | null = null;
  try {
    const code = await command.run({
      args,
      options: values as Record<string, string | boolean | undefined>,
      style,
      json: values.json === true,
      out: (data, human) => process.stdout.write(values.json ? `${JSON.stringify(data, null, 2)}\n` : `${human()}\n`),
      service: async () => {
        if (!service) {
          const engine = new Engine();
          const helperImage = values['helper-image'] as string | undefined;
          service = new NsInspectService(engine, await createAccess({ kind: values.access as never, engine, ...(helperImage ? { helperImage } : {}) }));
        }
        return service;
      },
    });
    return code ?? 0;
  } catch (e) {
    if (e instanceof NsInspectError) {
      process.stderr.write(`nsinspect: ${e.message}${e.hint ? ` (${e.hint})` : ''}\n`);
      return e.code === 'engine' ? 3 : 1;
    }
    process.stderr.write(`nsinspect: internal error: ${(e as Error)?.message ?? String(e)}\n`);
    if (process.env.NSINSPECT_DEBUG) process.stderr.write(`${(e as Error)?.stack}\n`);
    return 70;
  } finally {
    await (service as NsInspectService | null)?.close();
  }
}
