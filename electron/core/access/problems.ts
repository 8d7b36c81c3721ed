import { PRIVILEGE_HINT, type Problem } from '../../../shared/model/index.js';

/** Turns an fs/child_process error into a Problem the UI can show. */
export function problemFromError(err: unknown, what: string): Problem {
  const e = err as NodeJS.ErrnoException;
  switch (e?.code) {
    case 'EACCES':
    case 'EPERM':
      return { code: 'permission', message: `permission denied reading ${what}`, hint: PRIVILEGE_HINT };
    case 'ESRCH':
      return { code: 'gone', message: `the process behind ${what} has exited` };
    case 'ENOENT':
      // Under /proc/PID a vanished process looks like a missing file.
      if (/^\/proc\/\d+\//.test(what)) return { code: 'gone', message: `${what} does not exist (the process has exited?)` };
      return { code: 'missing', message: `${what} does not exist` };
    default:
      return { code: 'failed', message: `${what}: ${e?.message ?? String(err)}` };
  }
}

export function problemFromStderr(argv: string[], code: number, stderr: string): Problem {
  const last = stderr.trim().split('\n').slice(-1)[0] ?? '';
  // Programs prefix their own name already ("nsenter: cannot open …").
  const text = last.startsWith(`${argv[0]}: `) ? last.slice(argv[0]!.length + 2) : last;
  if (/permission denied|operation not permitted/i.test(text)) {
    return { code: 'permission', message: `${argv[0]}: ${text}`, hint: PRIVILEGE_HINT };
  }
  if (/No such process|No such file or directory.*\/proc\/\d+/i.test(text)) {
    return { code: 'gone', message: `${argv[0]}: ${text}` };
  }
  return { code: 'failed', message: `${argv.join(' ')} exited with ${code}${text ? `: ${text}` : ''}` };
}
