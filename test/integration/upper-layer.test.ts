// The upper-layer view (`upperLayer`, `nsinspect diff`) against `docker diff` on the real engine.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AccessKind, UpperLayer } from '../../shared/model/index.js';
import { createAccess } from '../../electron/core/access/select.js';
import { Engine } from '../../electron/core/engine/engine.js';
import { NsInspectService } from '../../electron/core/service.js';
import { createDispatcher, type Dispatch } from '../../electron/core/api/dispatch.js';
import { describeWithEngine } from '../support/engine.js';
import { IMAGE, LABEL, LABEL_KEY, PREFIX, RUN_ID } from '../support/fixtures.js';
import { docker, run, tryRun } from '../support/sh.js';
import { directService } from '../support/service.js';
import { buildHelper } from '../shell/rig.js';

const NAME = `${PREFIX}upper`;
const BASE = `${PREFIX}upper-base`;
const DERIVED = `nsi-fx-upper:${RUN_ID}`;
const OWNER_LABEL = `${LABEL_KEY}.owner=${process.env.NSINSPECT_FIXTURE_OWNER ?? process.pid}`;

/** `docker diff` as a sorted list of "A /path". */
function dockerDiff(): string[] {
  return docker('diff', NAME).split('\n').filter(Boolean).sort();
}

const LETTER = { added: 'A', changed: 'C', deleted: 'D' } as const;
const lines = (u: UpperLayer) => u.changes.map((c) => `${LETTER[c.kind]} ${c.path}`).sort();

describeWithEngine('the upper layer, as docker diff lists it', () => {
  let svc: NsInspectService;
  let dispatch: Dispatch;
  let upperDir: string;

  beforeAll(() => {
    tryRun(['docker', 'rm', '-f', NAME, BASE]);
    // An image with a directory that has contents, so that replacing it makes an opaque directory.
    docker(
      'run',
      '--name',
      BASE,
      '--label',
      LABEL,
      '--label',
      OWNER_LABEL,
      IMAGE,
      'sh',
      '-c',
      'mkdir -p /opt/app/sub && echo old > /opt/app/conf && echo x > /opt/app/sub/f && echo keep > /opt/keep',
    );
    docker('commit', '-c', `LABEL ${LABEL}`, BASE, DERIVED);
    docker('rm', BASE);
    docker('run', '-d', '--name', NAME, '--stop-timeout', '1', '--label', LABEL, '--label', OWNER_LABEL, DERIVED, 'sleep', '1000000');
    docker(
      'exec',
      NAME,
      'sh',
      '-c',
      [
        'echo new > /added.txt', // added
        'echo more >> /etc/passwd', // an image file, modified
        'rm /etc/group', // an image file, deleted: a whiteout
        'rm -rf /opt/app && mkdir /opt/app && echo fresh > /opt/app/fresh', // a directory replaced: opaque
        'mkdir -p /made/deep && touch /made/deep/file', // a new tree
        'ln -s / /rootlink', // a link to the container's root: never followed
        'touch /tmp/gone && rm /tmp/gone', // written and deleted again: no trace docker reports
      ].join(' && '),
    );
    upperDir = docker('inspect', '-f', '{{.GraphDriver.Data.UpperDir}}', NAME);
    svc = directService();
    dispatch = createDispatcher(svc, null);
  });

  afterAll(async () => {
    await svc?.close();
    tryRun(['docker', 'rm', '-f', NAME, BASE]);
    tryRun(['docker', 'rmi', DERIVED]);
  });

  it('lists what docker diff lists: added, changed, deleted (whiteout and opaque)', async () => {
    const u = (await dispatch('upperLayer', [NAME])) as UpperLayer;
    const expected = dockerDiff();
    // The scenario really has each kind in it, by docker's own account.
    for (const l of [
      'A /added.txt',
      'C /etc/passwd',
      'D /etc/group',
      'C /opt/app',
      'D /opt/app/conf',
      'D /opt/app/sub',
      'A /opt/app/fresh',
      'A /rootlink',
    ])
      expect(expected).toContain(l);
    expect(lines(u)).toEqual(expected);
    expect(u.truncated).toBe(false);
    expect(u.upperDir).toBe(upperDir);
  });

  it('gives each entry its host path in the upper layer, as the kernel has it there', async () => {
    const u = (await dispatch('upperLayer', [NAME])) as UpperLayer;
    const by = new Map(u.changes.map((c) => [c.path, c]));
    const kind = (p: string) => run(['stat', '-c', '%F %t:%T', p]).trim();
    expect(by.get('/added.txt')!.hostPath).toBe(`${upperDir}/added.txt`);
    expect(run(['cat', by.get('/added.txt')!.hostPath]).trim()).toBe('new');
    expect(run(['tail', '-n1', by.get('/etc/passwd')!.hostPath]).trim()).toBe('more');
    // The deleted file: overlayfs's whiteout, a 0:0 character device in the upper layer.
    expect(by.get('/etc/group')).toMatchObject({ type: 'whiteout', hostPath: `${upperDir}/etc/group` });
    expect(kind(`${upperDir}/etc/group`)).toBe('character special file 0:0');
    // The replaced directory: its old entries are hidden by the opaque directory, which holds only the new one.
    expect(by.get('/opt/app/conf')).toMatchObject({ kind: 'deleted', type: 'opaque', hostPath: `${upperDir}/opt/app` });
    expect(by.get('/opt/app')).toMatchObject({ kind: 'changed', opaque: true });
    expect(run(['ls', '-A', `${upperDir}/opt/app`]).trim()).toBe('fresh');
    // The image's version of a changed file is still in a lower layer.
    expect(run(['cat', by.get('/etc/passwd')!.lowerPath!])).not.toContain('more');
    expect(by.get('/rootlink')).toMatchObject({ type: 'link' });
    expect(run(['readlink', by.get('/rootlink')!.hostPath]).trim()).toBe('/');
  });

  it('nsinspect diff: the same list, as JSON and as docker diff letters', () => {
    const bin = new URL('../../bin/nsinspect.js', import.meta.url).pathname;
    const json = JSON.parse(run([process.execPath, bin, 'diff', NAME, '--json'])) as UpperLayer;
    expect(lines(json)).toEqual(dockerDiff());
    const human = run([process.execPath, bin, 'diff', NAME, '--no-color'])
      .split('\n')
      .slice(1)
      .map((l) => l.split(/\s+/).slice(0, 2).join(' '));
    expect(human.filter((l) => /^[ACD] \//.test(l)).sort()).toEqual(dockerDiff());
    expect(tryRun([process.execPath, bin, 'diff', NAME, '--limit', '0']).code).toBe(1);
  });

  // The privileged helpers serve only what their policy allows: listing the layers must be part of it.
  for (const kind of ['host-helper', 'docker-helper'] as AccessKind[]) {
    it(`${kind}: the same list, read through the helper`, async () => {
      const helper = kind === 'host-helper' ? buildHelper() : null;
      if (helper) process.env.NSINSPECT_HOST_HELPER_SCRIPT = helper.script;
      const engine = new Engine();
      const via = new NsInspectService(engine, await createAccess({ kind, engine, helperImage: IMAGE }));
      try {
        expect(lines(await via.upperLayer(NAME))).toEqual(dockerDiff());
      } finally {
        await via.close();
        helper?.cleanup();
      }
    });
  }

  it('is bounded: a limit cuts the list and says so', async () => {
    const u = (await dispatch('upperLayer', [NAME, 3])) as UpperLayer;
    expect(u.changes).toHaveLength(3);
    expect(u.truncated).toBe(true);
    await expect(dispatch('upperLayer', [NAME, 0])).rejects.toMatchObject({ code: 'input' });
  });

  it('a stopped container: from the engine’s layer data; deletions by whiteout only, and it says so', async () => {
    docker('stop', NAME);
    const u = (await dispatch('upperLayer', [NAME])) as UpperLayer;
    const expected = dockerDiff();
    const hiddenByOpaque = ['D /opt/app/conf', 'D /opt/app/sub'];
    expect(lines(u)).toEqual(expected.filter((l) => !hiddenByOpaque.includes(l)));
    expect(u.mergedDir).toBeNull();
    expect(u.notes.map((n) => n.code)).toEqual(['stopped']);
  });
});
