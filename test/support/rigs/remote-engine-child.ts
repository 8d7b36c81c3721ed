// Run (as the rig's local user, through tsx) by the remote tests: a live Engine on the endpoint in
// argv[2], reporting its states as JSON lines; "list" on stdin prints the container names.
import { createInterface } from 'node:readline';
import { Engine } from '../../../electron/core/engine/engine.js';
import { sshTransport } from '../../../electron/core/engine/ssh.js';

const url = process.argv[2]!;
const engine = new Engine({ url, source: 'option', reason: 'test' }, { live: true });
const say = (m: object) => process.stdout.write(`${JSON.stringify(m)}\n`);
engine.on('state', (s) => say({ state: s.status, ...(s.status === 'unreachable' ? { message: s.message } : {}), at: Date.now() }));
engine.start().then(
  () => say({ started: true }),
  (e: Error) => say({ started: false, error: e.message }),
);
createInterface({ input: process.stdin }).on('line', (line) => {
  if (line === 'list') say({ list: engine.list().map((c) => c.name), stats: sshTransport(url).stats });
  if (line === 'quit') void engine.stop().then(() => process.exit(0));
});
