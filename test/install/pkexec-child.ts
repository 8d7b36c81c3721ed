// Run by test/install/install-path.test.ts AS AN UNPRIVILEGED USER, with the host helper
// installed as the deb installs it: the app's client decides how to start the helper (it must
// pick pkexec) and starts it; reports on stdout as JSON lines. When the helper runs, it reads the
// target's namespace links through it, reports, and waits for a line on stdin before closing.
import { createInterface } from 'node:readline';
import { NS_TYPES } from '../../shared/model/nstype.js';
import { HostHelperAccess, HostHelperClient, helperLaunch } from '../../electron/core/access/host-helper/client.js';

const out = (o: unknown) => process.stdout.write(`${JSON.stringify(o)}\n`);
const pid = Number(process.env.TARGET_PID);
const containerId = process.env.TARGET_CONTAINER!;
try {
  const launch = helperLaunch(process.env);
  out({ launch: launch.how, argv: launch.argv });
  const client = await HostHelperClient.start(launch);
  out({ started: true, helperPid: client.pid, how: client.how });
  const acc = new HostHelperAccess(client, (p) => (p === pid ? containerId : undefined));
  const links = await acc.readLinks(NS_TYPES.map((t) => `/proc/${pid}/ns/${t}`));
  const ip = await acc.run({ kind: 'ipAddr', pid });
  out({
    links: Object.fromEntries(NS_TYPES.map((t, i) => [t, links[i]?.ok ? links[i].value : links[i]?.error])),
    ifaces: ip.ok ? (JSON.parse(ip.value.stdout) as { ifname: string }[]).map((x) => x.ifname) : ip.error,
  });
  await new Promise<void>((r) => createInterface({ input: process.stdin }).once('line', () => r()));
  await acc.close();
  await client.closed(5000);
  out({ done: true });
} catch (e) {
  const err = e as { code?: string; message: string; hint?: string; stack?: string };
  out({ error: { code: err.code, message: err.message, hint: err.hint, name: (e as Error).name } });
}
process.exit(0);
