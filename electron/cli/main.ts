// Only what every command needs is imported here: the engine, the access backends and dockerode
// are loaded by the commands that use them (see service() below), so `--help` and argument
// errors answer as fast as node starts.
import { parseArgs } from 'node:util';
import { isAccessKind } from '../../shared/model/index.js';
import { NsInspectError } from '../core/errors.js';
import type { ContainerEngine as Engine } from '../core/engine/types.js';
import type { NsInspectService } from '../core/service.js';
import type { EngineChoice } from '../core/engine/choose.js';
import type { Command, EngineInfo } from './command.js';
import { COMMANDS } from './commands/index.js';
import { escapeControls, escapeDeep } from './escape.js';
import { COLOR, PLAIN, type Style } from './format.js';

function usage(): string {
  // Long usages (shell, serve) get their summary on the next line, so the short ones stay readable.
  const width = Math.max(...COMMANDS.map((c) => c.usage.length).filter((n) => n <= 32));
  return `Usage: nsinspect <command> [options]

Commands:
${COMMANDS.map((c) => (c.usage.length > width ? `  ${c.usage}\n  ${' '.repeat(width)}  ${c.summary}` : `  ${c.usage.padEnd(width)}  ${c.summary}`)).join('\n')}

Options:
  --json                    machine-readable output (the contract the app uses)
  --context <name>          the docker context to use (as docker --context; see nsinspect contexts)
  -H, --host <url>          the engine to use: unix://, tcp:// (TLS with DOCKER_TLS_VERIFY), ssh://[user@]host[:port]
  --access <kind>           direct | docker-helper | host-helper (default: the first that works)
  --engine <engine>         docker | containerd | all (default: Docker's API; containerd where only it runs)
  --helper-image <image>    image of the docker-helper container (default: busybox:1.36.1, pinned by digest)
  --no-color                plain output even on a terminal
  -h, --help                this help
`;
}

const GLOBAL_OPTIONS = {
  json: { type: 'boolean', default: false },
  access: { type: 'string' },
  engine: { type: 'string' },
  context: { type: 'string' },
  host: { type: 'string', short: 'H' },
  'helper-image': { type: 'string' },
  'no-color': { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** --host and --context, for the endpoint choice. */
export function endpointChoice(values: { host?: unknown; context?: unknown }): { host?: string; context?: string } {
  return {
    ...(typeof values.host === 'string' ? { host: values.host } : {}),
    ...(typeof values.context === 'string' ? { context: values.context } : {}),
  };
}

/** The command: the first word that is neither an option nor the value of a global one (`--context X ls`). */
function commandWord(argv: string[]): string | undefined {
  const takesValue = new Set(
    Object.entries(GLOBAL_OPTIONS).flatMap(([name, o]) =>
      o.type === 'string' ? [`--${name}`, ...('short' in o && o.short ? [`-${o.short}`] : [])] : [],
    ),
  );
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') return argv[i + 1];
    if (!a.startsWith('-')) return a;
    if (takesValue.has(a)) i++;
  }
  return undefined;
}

function arityOk(c: Command, n: number): boolean {
  const [min, max] = typeof c.arity === 'number' ? [c.arity, c.arity] : c.arity;
  return n >= min && n <= max;
}

/** The engine an answer came from, and what it did not answer: a field of every --json answer. */
function engineInfo(engine: Engine): EngineInfo {
  const notes = engine.notes();
  return { endpoint: engine.endpoint.url, source: engine.endpoint.source, why: engine.endpoint.reason, ...(notes.length ? { notes } : {}) };
}

function engineFooter(info: EngineInfo, s: Style): string {
  return [s.dim(`engine: ${info.endpoint} (${info.why})`), ...(info.notes ?? []).map((n) => s.yellow(`note: ${n}`))].join('\n');
}

/**
 * A reader that stops early (`| head`) closes the pipe: the rest of the answer has nowhere to go,
 * which is no error of ours. Exit 0, quietly, as `git log | head` does, instead of an EPIPE trace.
 */
function quietOnClosedStdout(): void {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exitCode = 0;
  });
}

/** Where the CLI writes its own lines; tests pass their own to run it in-process. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Whether stdout is a terminal (colour, unless --no-color or NO_COLOR). */
  isTTY: boolean;
}

const PROCESS_IO: CliIo = {
  // A reader that went away (see quietOnClosedStdout) gets nothing more.
  stdout: (text) => void (process.stdout.destroyed || process.stdout.write(text)),
  stderr: (text) => void process.stderr.write(text),
  isTTY: process.stdout.isTTY === true,
};

/** Runs one command line and gives the exit code; the process is left to its caller. */
export async function main(argv: string[], io: CliIo = PROCESS_IO): Promise<number> {
  if (io === PROCESS_IO) quietOnClosedStdout();
  const first = commandWord(argv);
  const command = COMMANDS.find((c) => c.name === first);
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { ...GLOBAL_OPTIONS, ...(command?.options ?? {}) } });
  } catch (e) {
    io.stderr(`nsinspect: ${(e as Error).message}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help || !first) {
    io.stdout(usage());
    return values.help ? 0 : 2;
  }
  if (!command) {
    io.stderr(`nsinspect: unknown command "${first}" (see nsinspect --help)\n`);
    return 2;
  }
  const args = positionals.slice(1);
  if (!arityOk(command, args.length)) {
    io.stderr(`nsinspect: usage: nsinspect ${command.usage}\n`);
    return 2;
  }
  if (values.access !== undefined && !isAccessKind(values.access)) {
    io.stderr('nsinspect: --access must be direct, docker-helper or host-helper\n');
    return 2;
  }
  // The list of engine.ts's choose.ts, spelled out so that --help loads no engine code.
  if (values.engine !== undefined && !['docker', 'containerd', 'all'].includes(values.engine)) {
    io.stderr('nsinspect: --engine must be docker, containerd or all\n');
    return 2;
  }
  const style = io.isTTY && !values['no-color'] && !process.env.NO_COLOR ? COLOR : PLAIN;
  let engine: Engine | null = null;
  let service: NsInspectService | null = null;
  const out = <T extends object>(data: T, human: (safe: T) => string) => {
    const info = engine ? engineInfo(engine) : null;
    if (values.json) {
      io.stdout(`${JSON.stringify(info ? { ...data, engine: info } : data, null, 2)}\n`);
      return;
    }
    const body = human(escapeDeep(data));
    const text = info ? `${body}\n${engineFooter(escapeDeep(info), style)}` : body;
    io.stdout(`${text}\n`);
  };
  try {
    const code = await command.run({
      args,
      options: values as Record<string, string | boolean | string[] | undefined>,
      style,
      json: values.json === true,
      out,
      engineInfo: () => (engine ? engineInfo(engine) : null),
      service: async () => {
        if (!service) {
          // Docker's list request goes out first and is answered while the engine's code loads.
          const endpoint = endpointChoice(values);
          const { prefetchList, chosenEngine } = await import('../core/engine/prefetch.js');
          const choice = chosenEngine(values.engine as EngineChoice | undefined, endpoint);
          const early = choice === 'containerd' ? null : prefetchList(endpoint);
          await early?.sent;
          const [{ createEngine }, { createAccess }, { NsInspectService }] = await Promise.all([
            import('../core/engine/create.js'),
            import('../core/access/select.js'),
            import('../core/service.js'),
          ]);
          const e = (engine = createEngine(choice, { live: false, early }));
          const helperImage = values['helper-image'] as string | undefined;
          const access = await createAccess({ kind: values.access as never, engine: e, ...(helperImage ? { helperImage } : {}) });
          service = new NsInspectService(e, access);
        }
        return service;
      },
    });
    return code ?? 0;
  } catch (e) {
    if (e instanceof NsInspectError) {
      io.stderr(`nsinspect: ${escapeControls(`${e.message}${e.hint ? ` (${e.hint})` : ''}`)}\n`);
      return e.code === 'engine' ? 3 : 1;
    }
    io.stderr(`nsinspect: internal error: ${escapeControls((e as Error)?.message ?? String(e))}\n`);
    if (process.env.NSINSPECT_DEBUG) io.stderr(`${(e as Error)?.stack}\n`);
    return 70;
  } finally {
    // Also when the access backend could not be made: the engine's sockets must not outlive the answer.
    const s = service as NsInspectService | null;
    if (s) await s.close().catch(() => undefined);
    else await (engine as Engine | null)?.stop();
  }
}
