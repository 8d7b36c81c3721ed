// child_process (with net and dgram behind it) and crypto take several ms each to load, and
// `nsinspect map` as root uses neither. A top-level import is hoisted by the CLI bundle into the
// chunk every read-only command loads, so the modules that need these reach them here, at their
// first call.
import type * as ChildProcess from 'node:child_process';
import type * as Crypto from 'node:crypto';

export const childProcess = (): typeof ChildProcess => process.getBuiltinModule('node:child_process');
export const crypto = (): typeof Crypto => process.getBuiltinModule('node:crypto');
