// @vitest-environment happy-dom
import { cleanup, render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorBox } from '../../renderer/src/components/common.js';
import { translate } from '../../renderer/src/i18n/index.js';
import { tell } from '../../renderer/src/i18n/errors.js';
import { messagesVi } from '../../renderer/src/i18n/messages-vi.js';
import { endText } from '../../renderer/src/terminal/TermPane.js';
import type { TermTab } from '../../renderer/src/store/terminals.js';
import { useUi } from '../../renderer/src/store/ui.js';
import { englishOf, MESSAGE_IDS, MESSAGES, type MessageId, type MessageParams } from '../../shared/messages.js';
import { englishWords } from '../support/english.js';

/** Values as the engine sends them; `detail` is deliberately English (the OS's words). */
const SAMPLE: MessageParams = {
  name: 'ux-api',
  container: 'ux-api',
  ref: 'ux-api',
  state: 'exited',
  action: 'restart',
  detail: 'connect ECONNREFUSED: the engine is not running',
  path: '/etc/hostname',
  pid: 4242,
  now: 4343,
  n: 2,
  seconds: 5,
  ms: 20000,
  mib: 16,
  url: 'unix:///var/run/docker.sock',
  endpoint: 'unix:///var/run/docker.sock',
  root: '/proc/4242/root',
  // English type words: the Vietnamese line leaves them out.
  is: 'a FIFO',
  want: 'a regular file',
  driver: 'overlay2',
  program: 'nsenter',
  command: 'ip -j addr',
  status: 1,
  type: 'time',
  verb: 'probe',
  kind: 'docker-helper',
  image: 'busybox:1',
  channel: 'inspect',
  user: 'www-data',
  group: 'staff',
  // English where the engine's value is English: a Vietnamese line must leave it out.
  what: 'command',
  why: 'DOCKER_CONTEXT is set',
  reason: 'DOCKER_HOST is set',
  lacks: 'its seccomp filter',
  engines: 'docker and containerd',
  schemes: 'unix://, tcp://, http://, https:// or ssh://',
  types: 'net, pid',
  own: 'cgroup, ipc, mnt, net, pid, uts',
  preset: 'everything',
  presets: 'exec, all, net-only, host-fs',
  max: 107,
  dir: '/home/u/.docker/contexts',
  config: '/home/u/.docker/config.json',
  scheme: 'npipe',
  from: 'DOCKER_TLS_VERIFY',
  ca: '/home/u/.docker/ca.pem',
  host: 'build.example',
  uid: 1000,
  mode: '755',
  where: 'ssh://deploy@build.example',
  key: '[build.example]:2222',
  ssh: 'ssh -p 2222 deploy@build.example',
  namespace: 'k8s.io',
  id: '4f2a9c1d0e7b',
  load: 'ssh HOST docker load',
  tagged: 'busybox:1.36.1',
  theirs: 2,
  ours: 3,
  how: 'pkexec',
  fields: '{kind, pid}',
  signal: 'SIGSTOP',
  socket: '"/tmp/engine.sock"',
  real: '/tmp/other.sock',
  caller: 1000,
  found: 'rootless Docker socket found',
  skipped: '/var/run/docker.sock (permission denied (EACCES))',
  denied: 'permission denied (EACCES)',
  before: 'the engine runs the helper container (busybox:1)',
  which: 'web, pid 4242',
  inner: 0,
  file: '/usr/lib/nsinspect/nsinspect-host-helper',
};

function placeholders(id: MessageId): string[] {
  const t = MESSAGES[id] as { message: string; hint?: string };
  return [...`${t.message} ${t.hint ?? ''}`.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
}

function apiErrorOf(id: MessageId) {
  const params = Object.fromEntries(placeholders(id).map((p) => [p, SAMPLE[p] ?? 'x'])) as MessageParams;
  return { code: MESSAGES[id].code, ...englishOf(id, params), id, params };
}

/** What a reader sees as sentences: code spans (commands, names) and the folded detail removed. */
function sentences(root: HTMLElement): string {
  const copy = root.cloneNode(true) as HTMLElement;
  copy.querySelectorAll('code, .err-detail').forEach((n) => n.remove());
  return copy.textContent ?? '';
}

beforeEach(() => useUi.setState({ locale: 'vi' }));
afterEach(cleanup);

describe('every engine and helper message in the Vietnamese UI', () => {
  it('has a sample for every placeholder', () => {
    const unknown = MESSAGE_IDS.flatMap(placeholders).filter((p) => !(p in SAMPLE));
    expect(unknown).toEqual([]);
  });

  it.each(MESSAGE_IDS)('%s renders without English', (id) => {
    const { container } = render(<ErrorBox error={apiErrorOf(id)} />);
    const box = container.querySelector('.errorbox') as HTMLElement;
    const text = sentences(box);
    expect(englishWords(text), text).toEqual([]);
    expect(text).not.toMatch(/\{\w+\}/);
    // The names it was given are in it (not a generic line that says nothing).
    for (const p of placeholders(id).filter((p) => p === 'name' || p === 'path')) expect(box.textContent).toContain(String(SAMPLE[p]));
    // The English detail, when there is one, is there but folded away.
    if (placeholders(id).includes('detail')) expect(box.querySelector('.err-detail')?.textContent).toContain('ECONNREFUSED');
  });

  it('never puts {detail} into a Vietnamese line', () => {
    for (const [id, t] of Object.entries(messagesVi)) expect(`${t.message} ${t.hint ?? ''}`, id).not.toContain('{detail}');
  });

  it('says the issue’s examples in Vietnamese', () => {
    const e = apiErrorOf('container.not-running');
    const told = tell('vi', e);
    expect(told.message).toBe('container ux-api không chạy (đã thoát)');
    expect(told.hint).toBe('hãy khởi động nó: `docker start ux-api`');
    expect(translate('vi', 'term.reconnecting')).toBe('— đang kết nối lại —');
    const tab = { end: { reason: 'error', ...apiErrorOf('shell.helper-exited') } } as unknown as TermTab;
    const line = endText(
      tab,
      (k, p) => translate('vi', k, p),
      (x) => tell('vi', x),
    )!;
    expect(englishWords(line), line).toEqual([]);
  });

  it('shows the same error in English as the CLI prints it', () => {
    useUi.setState({ locale: 'en' });
    const e = apiErrorOf('container.not-running');
    const { container } = render(<ErrorBox error={e} />);
    expect(container.querySelector('.msg')!.textContent).toBe('container ux-api is not running (exited)');
    expect(container.querySelector('.hint')!.textContent).toBe('What to do: start it: docker start ux-api');
    expect(container.querySelector('.err-detail')).toBeNull();
  });

  it('an uncatalogued message: a Vietnamese line, and the English folded away as the detail', () => {
    const { container } = render(<ErrorBox error={{ code: 'engine', message: 'the engine is not running', hint: 'start it' }} />);
    const box = container.querySelector('.errorbox') as HTMLElement;
    expect(englishWords(sentences(box))).toEqual([]);
    expect(box.querySelector('.msg')!.textContent).toBe('Container engine không trả lời được.');
    expect(box.querySelector('details.err-detail')!.textContent).toContain('the engine is not running — start it');
    expect((box.querySelector('details.err-detail') as HTMLDetailsElement).open).toBe(false);
  });

  it('the detector itself finds English', () => {
    expect(englishWords('container ux-api is not running (exited)')).toEqual(['is', 'not', 'running', 'exited']);
  });
});
