import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Starts `nsinspect serve --port 0` (behind an argv prefix such as setpriv) and reads its URL. */
export async function startServe(
  prefix: string[] = [],
  args: string[] = [],
  env: string[] = [],
): Promise<{ child: ChildProcess; url: string; log: () => string }> {
  const argv = [
    ...prefix,
    '/usr/bin/env',
    ...(prefix.length ? ['-i', 'PATH=/usr/local/bin:/usr/bin:/bin', 'HOME=/nonexistent'] : []),
    ...env,
    process.execPath,
    `${ROOT}bin/nsinspect.js`,
    'serve',
    '--port',
    '0',
    ...args,
  ];
  const child = spawn(argv[0]!, argv.slice(1), { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve printed no URL in 20s: ${out} ${err}`)), 20_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`serve exited (${code}): ${err}`)));
  });
  return { child, url, log: () => err };
}

/** Stops a serve child: SIGTERM, then SIGKILL if it has not exited within 8 s. */
export async function stopServe(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 8000);
  await exited;
  clearTimeout(timer);
}
