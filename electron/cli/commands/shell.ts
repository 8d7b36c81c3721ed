// `nsinspect shell`: a terminal (or a plain command) inside chosen namespaces of a container.
import { SHELL_PRESETS, describeConfinement, type ShellEnd, type ShellPreset, type ShellSession } from '../../../shared/api/shell.js';
import { NS_TYPES, type AccessKind, type NsType } from '../../../shared/model/index.js';
import { fail, NsInspectError } from '../../core/errors.js';
import type { Command } from '../command.js';
import { escapeControls } from '../escape.js';
import { PLAIN, type Style } from '../format.js';

function exitCode(end: ShellEnd): number {
  switch (end.reason) {
    case 'exited':
      return end.signal
        ? 128 + ({ SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 } as Record<string, number>)[end.signal]! || 129
        : end.code;
    case 'container-stopped':
      return 125;
    case 'closed':
      return 0;
    case 'error':
      return 1;
  }
}

/**
 * What opened, and what it runs with: confined, the host's root, or unconfined. Names and the
 * command come from the container: control characters are escaped.
 */
function banner(s: ShellSession, style: Style, tty: boolean, endpoint: string | undefined): string {
  const how = `[${describeConfinement(s)}]`;
  const lines = [
    s.confinement === 'container' ? style.dim(how) : style.bold(how),
    style.dim(
      escapeControls(
        `[${s.kind} via ${s.access}: ${s.container.name}, namespaces ${s.namespaces.join(',') || '(host only)'}; ${s.command.join(' ')}${endpoint ? `; engine ${endpoint}` : ''}]`,
      ),
    ),
    ...(s.notEntered.length
      ? [style.dim(`[not entered: ${s.notEntered.map((n) => `${n.type} (shared with the host: nothing to enter)`).join(', ')}]`)]
      : []),
  ];
  return lines.join(tty ? '\r\n' : '\n') + (tty ? '\r\n' : '\n');
}

export const shellCommand: Command = {
  name: 'shell',
  usage: 'shell <container> [--ns net,pid,…|--preset P] [--exec] [--unconfined] [-- command args…]',
  summary: 'a shell (or command) inside chosen namespaces of a container',
  arity: [1, Infinity],
  options: {
    ns: { type: 'string' },
    preset: { type: 'string' },
    exec: { type: 'boolean', default: false },
    unconfined: { type: 'boolean', default: false },
    cwd: { type: 'string' },
    user: { type: 'string' },
  },
  async run(ctx) {
    const [container, ...command] = ctx.args as [string, ...string[]];
    let namespaces: NsType[];
    if (ctx.options.ns !== undefined) {
      namespaces = String(ctx.options.ns).split(',').filter(Boolean) as NsType[];
    } else if (ctx.options.preset !== undefined) {
      const p = Object.hasOwn(SHELL_PRESETS, String(ctx.options.preset))
        ? SHELL_PRESETS[String(ctx.options.preset) as ShellPreset]
        : undefined;
      if (!p) throw fail('shell.unknown-preset', { preset: String(ctx.options.preset), presets: Object.keys(SHELL_PRESETS).join(', ') });
      namespaces = p.namespaces;
    } else {
      namespaces = SHELL_PRESETS.exec.namespaces;
    }
    const bad = namespaces.find((n) => !(NS_TYPES as readonly string[]).includes(n));
    if (bad !== undefined) throw fail('shell.unknown-namespace', { type: bad, types: NS_TYPES.join(', ') });

    const [svc, { shellHostFor }, { describeEnd }] = await Promise.all([
      ctx.service(),
      import('../../core/shell/manager.js'),
      import('../../core/shell/session.js'),
    ]);
    // --access picks the backend of the shell too, not only of the reads.
    const shells = shellHostFor(svc, typeof ctx.options.access === 'string' ? { access: ctx.options.access as AccessKind } : {});
    const tty = process.stdin.isTTY === true && process.stdout.isTTY === true;
    const cols = process.stdout.columns || 80;
    const rows = process.stdout.rows || 24;
    const ended = new Promise<ShellEnd>((resolve) => shells.on('end', (_id, end) => resolve(end)));
    shells.on('data', (id, data) => {
      process.stdout.write(data, () => shells.ack(id, data.length));
    });
    shells.on('stderr', (_id, data) => process.stderr.write(data));
    const request = {
      container,
      kind: ctx.options.exec ? ('docker-exec' as const) : ('nsenter' as const),
      namespaces,
      ...(command.length ? { command } : {}),
      ...(typeof ctx.options.cwd === 'string' ? { cwd: ctx.options.cwd } : {}),
      ...(typeof ctx.options.user === 'string' ? { user: ctx.options.user } : {}),
      ...(ctx.options.unconfined ? { unconfined: true } : {}),
      cols,
      rows,
    };
    let session;
    try {
      session = await shells.open(request, { tty });
    } catch (e) {
      // A root shell through the host helper: said here, before sudo or polkit asks for the
      // password (the user named the shell on the command line, which is the confirmation).
      if (!(e instanceof NsInspectError) || e.code !== 'needs-confirmation') throw e;
      process.stderr.write(`nsinspect: ${e.message}\n`);
      session = await shells.open({ ...request, confirmRootShell: true }, { tty });
    }
    // Without a terminal too: what the program runs with is never left unsaid.
    process.stderr.write(banner(session, tty ? ctx.style : PLAIN, tty, ctx.engineInfo()?.endpoint));
    const onInput = (d: Buffer) => shells.input(session.id, d);
    const onResize = () => shells.resize(session.id, process.stdout.columns, process.stdout.rows);
    process.stdin.on('data', onInput);
    if (tty) {
      process.stdin.setRawMode(true);
      process.stdout.on('resize', onResize);
    } else {
      process.stdin.on('end', () => shells.endInput(session.id));
    }
    process.stdin.resume();
    const onSignal = () => void shells.close(session.id);
    process.once('SIGTERM', onSignal);
    process.once('SIGHUP', onSignal);
    // `nsinspect shell x -- yes | head`: once the reader is gone, so is the point of the command,
    // and ending it is no news to report.
    let readerGone = false;
    const onReaderGone = () => {
      readerGone = true;
      onSignal();
    };
    process.stdout.once('error', onReaderGone);
    try {
      const end = await ended;
      if (tty) process.stderr.write(`\r\n${escapeControls(describeEnd(end))}\r\n`);
      else if (end.reason !== 'exited' && !readerGone) process.stderr.write(`nsinspect: ${escapeControls(describeEnd(end))}\n`);
      return exitCode(end);
    } finally {
      process.stdin.off('data', onInput);
      if (tty) {
        process.stdin.setRawMode(false);
        process.stdout.off('resize', onResize);
      }
      process.stdin.pause();
      process.off('SIGTERM', onSignal);
      process.off('SIGHUP', onSignal);
      process.stdout.off('error', onReaderGone);
      await shells.dispose();
    }
  },
};
