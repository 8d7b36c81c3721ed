// child_process (with net and dgram behind it) and crypto take several ms each to load, and
// `nsinspect map` as root uses neither. A top-level import is hoisted by the CLI bundle into the
// chunk every read-only command loads, so the modules that need these reach them here, at their
// first call.
import type * as ChildProcess from 'node:child_process';
import type * as Crypto from 'node:crypto';
import type * as Http from 'node:http';
import type * as Https from 'node:https';

export const childProcess = (): typeof ChildProcess => process.getBuiltinModule('node:child_process');
export const crypto = (): typeof Crypto => process.getBuiltinModule('node:crypto');
// Only remote engines (tcp://, ssh://) speak HTTP through node's client; the local socket does not.
// Not import(): the CLI's code cache compiles the bundle with vm.Script, whose cached functions
// lose the dynamic-import loader.
export const http = (): typeof Http => process.getBuiltinModule('node:http');
export const https = (): typeof Https => process.getBuiltinModule('node:https');
