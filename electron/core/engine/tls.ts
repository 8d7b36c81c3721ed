import { existsSync, readFileSync } from 'node:fs';
import type { Agent } from 'node:https';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Endpoint } from '../../../shared/model/index.js';
import { fail, NsInspectError } from '../errors.js';
import { https } from '../lazy-builtins.js';

/**
 * TLS to a tcp:// engine, as the docker CLI reads it: DOCKER_TLS_VERIFY (verify the daemon
 * against ca.pem), DOCKER_TLS (TLS without verifying), the files ca.pem, cert.pem and key.pem in
 * DOCKER_CERT_PATH (default ~/.docker), or a context's TLS material (contexts/tls/<id>/docker/).
 */
export interface TlsSettings {
  dir: string;
  verify: boolean;
  /** For messages: where the settings came from. */
  from: string;
}

export function envTls(env: NodeJS.ProcessEnv, home: string = env.HOME ?? homedir()): TlsSettings | null {
  const dir = env.DOCKER_CERT_PATH || join(env.DOCKER_CONFIG || join(home, '.docker'));
  if (env.DOCKER_TLS_VERIFY) return { dir, verify: true, from: `DOCKER_TLS_VERIFY with ${dir}` };
  if (env.DOCKER_TLS) return { dir, verify: false, from: `DOCKER_TLS with ${dir}` };
  return null;
}

/** A context's TLS directory when it holds any material; skipVerify from its meta.json. */
export function contextTls(tlsDir: string, skipVerify: boolean, name: string): TlsSettings | null {
  if (!['ca.pem', 'cert.pem', 'key.pem'].some((f) => existsSync(join(tlsDir, f)))) return null;
  return { dir: tlsDir, verify: !skipVerify, from: `context "${name}" (${tlsDir})` };
}

export interface TlsMaterial {
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
  rejectUnauthorized: boolean;
}

export function tlsMaterial(t: TlsSettings): TlsMaterial {
  const read = (f: string, needed: boolean): Buffer | undefined => {
    const p = join(t.dir, f);
    if (!needed && !existsSync(p)) return undefined;
    try {
      return readFileSync(p);
    } catch (e) {
      throw fail('tls.unreadable', { from: t.from, path: p, detail: (e as NodeJS.ErrnoException).code ?? (e as Error).message });
    }
  };
  if (!t.dir) return { rejectUnauthorized: t.verify };
  const ca = read('ca.pem', t.verify);
  const cert = read('cert.pem', false);
  const key = read('key.pem', !!cert);
  return { ...(ca ? { ca } : {}), ...(cert ? { cert } : {}), ...(key ? { key } : {}), rejectUnauthorized: t.verify };
}

/** The keep-alive agent of a TLS endpoint (loaded only for one). */
export function tlsAgent(t: TlsSettings): Agent {
  return new (https().Agent)({ keepAlive: true, maxSockets: 8, ...tlsMaterial(t) });
}

/** Plain tcp:// to an engine: anyone who can reach the port is root on that host. */
export function plainTcpWarning(e: Endpoint): string | null {
  if (!/^(tcp|http):/.test(e.url) || e.tls) return null;
  return `${e.url} is plain TCP without TLS: anyone who reaches that port controls the engine (and root on its host); use TLS (DOCKER_TLS_VERIFY=1, DOCKER_CERT_PATH) or ssh://`;
}

const TLS_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_SIGNATURE_FAILURE',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** A certificate the client refused, said plainly; null for any other error. */
export function tlsProblem(e: Endpoint, err: NodeJS.ErrnoException): NsInspectError | null {
  if (err.code && TLS_CODES.has(err.code)) {
    const ca = e.tls ? join(e.tls.dir, 'ca.pem') : 'the CA';
    return fail('tls.untrusted', { url: e.url, ca, detail: `${err.code}: ${err.message}`, host: new URL(e.url).hostname });
  }
  if (/alert|handshake|EPROTO|wrong version number|certificate required/i.test(`${err.code} ${err.message}`)) {
    return fail('tls.failed', { url: e.url, detail: err.message.split('\n')[0]! });
  }
  return null;
}
