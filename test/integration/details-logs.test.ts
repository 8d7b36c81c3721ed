// The details panel's data and the live log, through a connection as the UI uses it, on a
// hostile container (escape sequences, a line larger than a batch); checked with the docker CLI.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openConnection, type Connection } from '../../electron/core/api/connection.js';
import type { NsInspectService } from '../../electron/core/service.js';
import { LOG_BATCH_MAX, type ContainerDetails, type LogEnd } from '../../shared/model/index.js';
import { describeWithEngine } from '../support/engine.js';
import { IMAGE, LABEL, LABEL_KEY, RUN_ID } from '../support/fixtures.js';
import { waitFor } from '../support/poll.js';
import { docker, run, tryRun } from '../support/sh.js';
import { directService } from '../support/service.js';

const NAME = `nsi-ui-logs-${RUN_ID}`;
const OWNER_LABEL = `${LABEL_KEY}.owner=${process.env.NSINSPECT_FIXTURE_OWNER ?? process.pid}`;
const HUGE = 300_000;
// A colour, a window title (OSC), a screen clear, a bell; then one line longer than a batch; then a tick every 0.2 s.
const SCRIPT = `printf '\\033[31mred\\033[0m \\033]0;pwned\\007 \\033[2J end\\n'; head -c ${HUGE} /dev/zero | tr '\\0' x; echo; i=0; while :; do i=$((i+1)); echo tick $i; sleep 0.2; done`;

describeWithEngine('container details and live logs, against docker inspect and docker logs', () => {
  let svc: NsInspectService;
  let conn: Connection;
  let dir: string;
  const events: { event: string; payload: unknown }[] = [];
  beforeAll(() => {
    tryRun(['docker', 'rm', '-f', NAME]);
    dir = mkdtempSync(join(tmpdir(), 'nsi-ui-vol-'));
    docker(
      'run', '-d', '--name', NAME, '--label', LABEL, '--label', OWNER_LABEL, '--label', 'app.tier=web',
      '-e', 'SECRET_TOKEN=hunter2', '-e', 'EMPTY=', '--expose', '8080', '-v', `${dir}:/data:ro`,
      IMAGE, 'sh', '-c', SCRIPT,
    ); // prettier-ignore
    svc = directService();
    conn = openConnection(svc, null, (event, payload) => events.push({ event, payload }));
  });
  afterAll(async () => {
    await conn.close();
    await svc.close();
    tryRun(['docker', 'rm', '-f', NAME]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('has the labels, env, ports and mounts docker inspect has, and the inspect JSON itself', async () => {
    const d = (await conn.call('containerDetails', [NAME])) as ContainerDetails;
    const raw = JSON.parse(run(['docker', 'inspect', NAME]))[0];
    expect(d.container).toEqual({ id: raw.Id, name: NAME });
    expect(d.labels).toEqual(raw.Config.Labels);
    expect(d.labels['app.tier']).toBe('web');
    expect(d.env.map((e) => `${e.name}=${e.value}`)).toEqual(raw.Config.Env);
    expect(d.env).toContainEqual({ name: 'SECRET_TOKEN', value: 'hunter2' });
    expect(d.ports).toEqual([{ port: '8080/tcp', host: [] }]);
    expect(Object.keys(raw.Config.ExposedPorts)).toEqual(['8080/tcp']);
    expect(d.mounts).toEqual(
      raw.Mounts.map((m: { Type: string; Source: string; Destination: string; RW: boolean }) => ({
        type: m.Type,
        source: m.Source,
        destination: m.Destination,
        rw: m.RW,
      })),
    );
    expect(d.mounts).toContainEqual({ type: 'bind', source: dir, destination: '/data', rw: false });
    expect(d.inspect).toEqual(raw);
  });

  it('follows the log: the escape sequences as written, a huge line bounded, then live lines; stops on close', async () => {
    const { id } = (await conn.call('logsOpen', [NAME, 100])) as { id: string };
    const texts = () =>
      events
        .filter((e) => e.event === 'logsData' && (e.payload as { id: string }).id === id)
        .map((e) => (e.payload as { text: string }).text);
    await waitFor(
      'two live lines after the skip',
      () => /tick \d+\n[\s\S]*tick \d+\n/.test(texts().join('').split('skipped …]')[1] ?? ''),
      15_000,
    );
    const got = texts().join('');
    const cli = run(['docker', 'logs', NAME]);
    // The first line byte for byte as docker logs has it: the UI, not the engine, makes it harmless.
    const first = cli.slice(0, cli.indexOf('\n') + 1);
    expect(first).toContain('\u001b]0;pwned\u0007');
    expect(got.startsWith(first)).toBe(true);
    // No batch is larger than the bound; what did not fit is said, not silently lost.
    for (const t of texts()) expect(t.length).toBeLessThanOrEqual(LOG_BATCH_MAX + 64);
    expect(got).toMatch(/\[… \d+ bytes skipped …\]/);
    expect(got.length).toBeLessThan(first.length + HUGE);
    // The live lines after the skip are docker logs' lines.
    const ticks = got.split('skipped …]')[1]!.match(/tick \d+/g)!;
    for (const t of ticks) expect(cli).toContain(`${t}\n`);
    await conn.call('logsClose', [id]);
    const n = texts().length;
    await new Promise((r) => setTimeout(r, 1000));
    expect(texts().length).toBe(n);
  });

  it('ends the follow when the container stops', async () => {
    const { id } = (await conn.call('logsOpen', [NAME, 0])) as { id: string };
    docker('kill', NAME);
    await waitFor(
      'the end of the follow',
      () => events.some((e) => e.event === 'logsEnd' && (e.payload as { id: string }).id === id),
      15_000,
    );
    const end = events.find((e) => e.event === 'logsEnd' && (e.payload as { id: string }).id === id)!.payload as { end: LogEnd };
    expect(end.end).toEqual({ reason: 'ended' });
  });

  it('an unknown container: a catalogued not-found error', async () => {
    await expect(conn.call('logsOpen', ['nsi-ui-no-such-container'])).rejects.toMatchObject({ code: 'not-found' });
  });
});
