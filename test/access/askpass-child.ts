// Run by test/access/askpass.test.ts AS AN UNPRIVILEGED USER: starts the host helper with
// `sudo -A` through the app's askpass relay, as the desktop app does, and reports on stdout
// (JSON lines). Password prompts go to the test on stdout; the answers come back on stdin
// (one JSON line each: {"password": "..."} or {"cancel": true}).
import { createInterface } from 'node:readline';
import { NS_TYPES } from '../../shared/model/nstype.js';
import { HostHelperAccess, HostHelperClient, helperLaunch } from '../../electron/core/access/host-helper/client.js';

const out = (o: unknown) => process.stdout.write(`${JSON.stringify(o)}\n`);
const lines: string[] = [];
let wake: (() => void) | null = null;
createInterface({ input: process.stdin }).on('line', (l) => {
  lines.push(l);
  wake?.();
});
const nextLine = async (signal: AbortSignal): Promise<string | null> => {
  while (!lines.length) {
    if (signal.aborted) return null;
    await new Promise<void>((r) => {
      wake = r;
      signal.addEventListener('abort', () => r(), { once: true });
    });
  }
  return lines.shift()!;
};

const pid = Number(process.env.TARGET_PID);
const containerId = process.env.TARGET_CONTAINER!;
try {
  const launch = helperLaunch(process.env, { askpass: true });
  out({ launch: launch.how, argv: launch.argv, relay: launch.relay });
  const client = await HostHelperClient.start(launch, {
    askpass: async (prompt, signal) => {
      out({ askpass: prompt });
      const l = await nextLine(signal);
      if (l === null) return null;
      const a = JSON.parse(l) as { password?: string; cancel?: boolean };
      return a.cancel ? null : (a.password ?? null);
    },
    askpassTimeoutMs: Number(process.env.ASKPASS_TIMEOUT_MS ?? 60_000),
  });
  out({ started: true, launcherPid: client.pid, uid: process.getuid!() });
  const acc = new HostHelperAccess(client, (p) => (p === pid ? containerId : undefined));
  const links = await acc.readLinks(NS_TYPES.map((t) => `/proc/${pid}/ns/${t}`));
  const ip = await acc.run({ kind: 'ipAddr', pid });
  out({
    links: Object.fromEntries(NS_TYPES.map((t, i) => [t, links[i]?.ok ? links[i].value : null])),
    ifaces: ip.ok ? (JSON.parse(ip.value.stdout) as { ifname: string }[]).map((x) => x.ifname) : ip.error,
  });
  client.stop();
  await client.closed(5000);
  out({ done: true });
} catch (e) {
  const err = e as { code?: string; message: string; hint?: string };
  out({ error: { code: err.code, message: err.message, hint: err.hint } });
}
process.exit(0);
