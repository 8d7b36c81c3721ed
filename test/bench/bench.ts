// `npm run bench [-- --json] [-- --containers N]`: the engine measured side by side with
// util-linux lsns and the docker CLI, in one run, on real containers; ratios, not absolute targets in tests.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DirectAccess } from '../../electron/core/access/direct.js';
import { Engine } from '../../electron/core/engine/engine.js';
import { NsInspectService } from '../../electron/core/service.js';
import { IMAGE, buildImage } from '../support/fixtures.js';
import { docker, tryRun } from '../support/sh.js';

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    containers: { type: 'string', default: '50' },
    runs: { type: 'string', default: '25' },
    'skip-terminal': { type: 'boolean', default: false },
    'skip-network': { type: 'boolean', default: false },
    'skip-ui': { type: 'boolean', default: false },
    /** The UI part's repetitions (median of these); it starts one container per run. */
    'ui-runs': { type: 'string', default: '20' },
  },
});
const N = Number(values.containers);
const RUNS = Number(values.runs);
const LABEL = `io.nsinspect.bench=${process.pid}`; // the value is the owner, for .ci/run's sweep
const log = (s: string) => process.stderr.write(`${s}\n`);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

async function time(runs: number, fn: () => unknown): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out;
}

function startContainers(): string[] {
  buildImage();
  const names: string[] = [];
  for (let i = 0; i < N; i++) {
    const name = `nsi-bench-${process.pid}-${i}`;
    // Every fifth joins the previous one's network namespace, as pods do.
    const share = i % 5 === 4 ? ['--network', `container:${names[i - 1]}`] : [];
    docker('run', '-d', '--name', name, '--label', LABEL, ...share, IMAGE, 'sleep', '1000000');
    names.push(name);
  }
  return names;
}

function removeContainers(): void {
  const ids = docker('ps', '-aq', '--filter', `label=${LABEL}`).split('\n').filter(Boolean);
  if (ids.length) tryRun(['docker', 'rm', '-f', ...ids]);
}

const BIN = new URL('../../bin/nsinspect.js', import.meta.url).pathname;

/**
 * The environment a user's shell would give: without NODE_EXTRA_CA_CERTS, which node (20) reads
 * and parses at every start (about 50 ms with a full CA bundle), TLS or not. Build machines set it
 * for their registry proxy; a workstation does not.
 */
const USER_ENV = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NODE_EXTRA_CA_CERTS'));

/** One whole process, start to exit, its output read through a pipe as a user's shell would. */
function wholeProcess(argv: string[], env: NodeJS.ProcessEnv): number {
  const t = performance.now();
  const r = spawnSync(argv[0]!, argv.slice(1), { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 << 20, env });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`${argv.join(' ')} exited ${r.status}: ${r.stderr.toString().trim()}`);
  return ms;
}

/** A against B as whole processes, in turns (A B A B …) so that drift in the machine's speed hits both. */
function sideBySide(
  a: string[],
  b: string[],
  runs: number,
  env: NodeJS.ProcessEnv = USER_ENV,
): { aMs: number; bMs: number; ratio: number } {
  wholeProcess(a, env);
  wholeProcess(b, env);
  const ta: number[] = [];
  const tb: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < runs; i++) {
    ta.push(wholeProcess(a, env));
    tb.push(wholeProcess(b, env));
    ratios.push(ta.at(-1)! / tb.at(-1)!);
  }
  return { aMs: round(median(ta)), bMs: round(median(tb)), ratio: round(median(ratios)) };
}

/** The CLI as a user runs it: a new node process each time, module loading and the engine call included. */
function benchCli(containers: number) {
  if (!existsSync(new URL('../../out/cli/nsinspect.cjs', import.meta.url))) throw new Error('the CLI is not built: npm run build');
  const node = process.execPath;
  const map = sideBySide([node, BIN, 'map', '--json'], ['lsns', '-J'], RUNS);
  const help = sideBySide([node, BIN, '--help'], [node, '-e', '0'], RUNS);
  // The same, in this process's own environment, when it differs (see USER_ENV).
  const callerEnv = process.env.NODE_EXTRA_CA_CERTS
    ? {
        NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS,
        cliMapVsLsns: sideBySide([node, BIN, 'map', '--json'], ['lsns', '-J'], RUNS, process.env).ratio,
        cliHelpVsNode: sideBySide([node, BIN, '--help'], [node, '-e', '0'], RUNS, process.env).ratio,
      }
    : undefined;
  return {
    containers,
    cliMapMs: map.aMs,
    lsnsMs: map.bMs,
    cliMapVsLsns: map.ratio,
    cliHelpMs: help.aMs,
    nodeMs: help.bMs,
    cliHelpVsNode: help.ratio,
    runs: RUNS,
    ...(callerEnv ? { callerEnv } : {}),
  };
}

async function benchEngine() {
  log(`starting ${N} containers…`);
  const t0 = performance.now();
  const names = startContainers();
  log(`  started in ${round((performance.now() - t0) / 1000, 1)} s`);
  const svc = new NsInspectService(new Engine(), new DirectAccess());
  try {
    // Only our own: other containers on this machine may come and go mid-run.
    const running = docker('ps', '-q', '--filter', `label=${LABEL}`).split('\n').filter(Boolean);
    await svc.hostMap();
    await svc.hostMap(); // warm: engine list loaded, code paths compiled
    const map = await time(RUNS, () => svc.hostMap());
    const lsns = await time(RUNS, () => execFileSync('lsns', ['-J'], { maxBuffer: 64 << 20 }));
    await svc.compare(names[0]!, names[1]!);
    const compare = await time(RUNS, () => svc.compare(names[0]!, names[1]!));
    const inspectAll = await time(Math.min(RUNS, 10), () => execFileSync('docker', ['inspect', ...running], { maxBuffer: 64 << 20 }));
    const pid0 = docker('inspect', '-f', '{{.State.Pid}}', names[0]!);
    const nsenterIp = await time(RUNS, () => execFileSync('nsenter', ['-t', pid0, '-n', 'ip', '-j', 'addr']));
    const m = await svc.hostMap();
    const cli = benchCli(running.length);
    const network = await benchNetworkIfPresent(names);
    const ui = await benchUiUnlessSkipped(names);
    const engine = {
      containers: running.length,
      namespaces: m.namespaces.length,
      processes: m.scanned,
      mapWarmMs: round(median(map)),
      lsnsMs: round(median(lsns)),
      mapVsLsns: round(median(map) / median(lsns)),
      compareMs: round(median(compare)),
      dockerInspectAllMs: round(median(inspectAll)),
      compareVsDockerInspectAll: round(median(compare) / median(inspectAll)),
      nsenterIpMs: round(median(nsenterIp)),
      runs: RUNS,
    };
    return { engine, cli, network, ui };
  } finally {
    await svc.close();
    removeContainers();
  }
}

/** The browser face, in Chromium through `serve`, while the bench's containers run (test/bench/ui.ts). */
async function benchUiUnlessSkipped(names: string[]): Promise<Record<string, unknown> | undefined> {
  if (values['skip-ui']) return undefined;
  const { benchUi } = await import('./ui.js');
  log(`ui: Chromium through serve, ${Number(values['ui-runs'])} runs…`);
  return benchUi({ names, label: LABEL, runs: Number(values['ui-runs']) });
}

async function benchTerminalIfPresent(): Promise<Record<string, unknown> | undefined> {
  if (values['skip-terminal'] || !existsSync(new URL('./terminal.ts', import.meta.url))) return undefined;
  const mod = (await import('./terminal.js')) as { benchTerminal?: (o: { sizeMB: number }) => Promise<Record<string, unknown>> };
  return mod.benchTerminal?.({ sizeMB: 200 });
}

/** The Network view in Chromium (network-view.ts), while the bench's containers run. */
async function benchNetworkIfPresent(names: string[]): Promise<Record<string, number> | undefined> {
  if (values['skip-network'] || !existsSync(new URL('./network-view.ts', import.meta.url))) return undefined;
  const mod = (await import('./network-view.js')) as {
    benchNetworkView?: (o: { runs: number; probe: string }) => Promise<Record<string, number>>;
  };
  return mod.benchNetworkView?.({ runs: Math.min(RUNS, 20), probe: names[names.length >> 1]! });
}

async function main() {
  process.on('SIGINT', () => {
    removeContainers();
    process.exit(130);
  });
  const { engine, cli, network, ui } = await benchEngine();
  log('');
  log(
    `engine, ${engine.containers} running containers, ${engine.processes} processes, ${engine.namespaces} namespaces (median of ${RUNS})`,
  );
  log(`  host map (warm, in-process)   ${engine.mapWarmMs} ms   vs lsns -J ${engine.lsnsMs} ms   ratio ${engine.mapVsLsns} (target ≤ 1.0)`);
  log(
    `  compare two, all details      ${engine.compareMs} ms   (target ≤ 100)  vs docker inspect of all ${engine.dockerInspectAllMs} ms   ratio ${engine.compareVsDockerInspectAll}`,
  );
  log(`  one nsenter + ip -j addr      ${engine.nsenterIpMs} ms (the floor of one namespace-scoped read)`);
  log(`cli, whole processes side by side (median of ${RUNS} pairs)`);
  log(`  nsinspect map --json          ${cli.cliMapMs} ms   vs lsns -J ${cli.lsnsMs} ms   ratio ${cli.cliMapVsLsns} (target ≤ 2.5)`);
  log(`  nsinspect --help              ${cli.cliHelpMs} ms   vs node -e 0 ${cli.nodeMs} ms   ratio ${cli.cliHelpVsNode} (target ≤ 1.5)`);
  if (cli.callerEnv)
    log(`  with NODE_EXTRA_CA_CERTS set, as here: map ratio ${cli.callerEnv.cliMapVsLsns}, --help ratio ${cli.callerEnv.cliHelpVsNode}`);
  if (network)
    log(
      `network view, 1024×640, ${network.namespaces} namespaces: nav to drawn ${network.navToDrawnMs} ms (target ≤ 1000), open every bridge ${network.openAllMs} ms, search ${network.searchMs} ms`,
    );
  if (ui)
    log(
      `ui, Chromium through serve, ${ui.containers} containers (median of ${ui.runs}): first list ${ui.firstListMs} ms (target ≤ 1000), ` +
        `compare click ${ui.compareClickMs} ms (≤ 300), docker run to list p95 ${ui.runToListP95Ms} ms (≤ 300)`,
    );
  const terminal = await benchTerminalIfPresent();
  if (terminal) log(`terminal ${JSON.stringify(terminal)}`);
  if (values.json)
    process.stdout.write(
      `${JSON.stringify({ engine, cli, ...(network ? { network } : {}), ...(ui ? { ui } : {}), ...(terminal ? { terminal } : {}) })}\n`,
    );
}

main().catch((e) => {
  removeContainers();
  log(`bench failed: ${(e as Error).stack ?? e}`);
  process.exit(1);
});
