import { problem, type Problem, type ProblemCode } from '../../../shared/model/index.js';
import { NsInspectError } from '../errors.js';

/** A whole request's failure as the problem of each item it asked for, keeping its catalogued id. */
export function problemOfError(e: unknown, code: ProblemCode = 'failed'): Problem {
  const err = e as Error & { hint?: string };
  return {
    code,
    message: err?.message ?? String(e),
    ...(err?.hint ? { hint: err.hint } : {}),
    ...(e instanceof NsInspectError && e.id ? { id: e.id, params: e.params ?? {} } : {}),
  };
}

/** Turns an fs/child_process error into a Problem the UI can show. */
export function problemFromError(err: unknown, what: string): Problem {
  const e = err as NodeJS.ErrnoException;
  switch (e?.code) {
    case 'EACCES':
    case 'EPERM':
      return problem('read.denied', { path: what });
    case 'ESRCH':
      return problem('read.process-gone', { path: what });
    case 'ENOENT':
      // Under /proc/PID a vanished process looks like a missing file.
      if (/^\/proc\/\d+\//.test(what)) return problem('read.vanished', { path: what });
      return problem('read.missing', { path: what });
    default:
      return problem('read.failed', { path: what, detail: e?.message ?? String(err) });
  }
}

export function problemFromStderr(argv: string[], code: number, stderr: string): Problem {
  const last = stderr.trim().split('\n').slice(-1)[0] ?? '';
  // Programs prefix their own name already ("nsenter: cannot open …").
  const text = last.startsWith(`${argv[0]}: `) ? last.slice(argv[0]!.length + 2) : last;
  if (/permission denied|operation not permitted/i.test(text)) {
    return problem('command.denied', { program: argv[0] ?? '', detail: text });
  }
  if (/No such process|No such file or directory.*\/proc\/\d+/i.test(text)) {
    return problem('command.gone', { program: argv[0] ?? '', detail: text });
  }
  const command = argv.join(' ');
  return text
    ? problem('command.exit', { command, status: String(code), detail: text })
    : problem('command.exit-silent', { command, status: String(code) });
}
