import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const at = (...parts: string[]) => path.join(root, ...parts);
export const read = (...parts: string[]) => readFileSync(at(...parts), 'utf8');

/** electron-builder is CommonJS and has no type-checked deep exports; reach it by require. */
export const cjs = createRequire(import.meta.url);

/**
 * The host tools these checks need are Debian packages CI installs; a missing one is a failure
 * naming the package, never a skip, so a check cannot silently stop running.
 */
const APT: Record<string, string> = {
  shellcheck: 'shellcheck',
  'desktop-file-validate': 'desktop-file-utils',
  xmllint: 'libxml2-utils',
  identify: 'imagemagick',
};

export interface Ran {
  code: number;
  out: string;
}

export function tool(cmd: keyof typeof APT | 'bash', args: string[]): Ran {
  const r = spawnSync(cmd, args, { encoding: 'utf8', cwd: root });
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ENOENT') {
    const pkg = APT[cmd] ?? cmd;
    throw new Error(`${cmd} is not installed: apt-get install -y ${pkg} (Debian package "${pkg}")`);
  }
  return {
    code: r.status ?? -1,
    out: `${r.stdout ?? ''}${r.stderr ?? ''}`.trim(),
  };
}
