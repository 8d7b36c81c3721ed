import { useMemo, useState } from 'react';
import { findByRef, refOf } from '../../../shared/model/host';
import { SHELL_PRESETS, type ShellKind, type ShellPreset } from '../../../shared/api/shell';
import { routeFor, withoutEngineExec } from '../../../shared/api/shell-route';
import { NS_TYPES, type NsType } from '../../../shared/model/nstype';
import { Dialog } from '../components/Dialog';
import { useT, type MessageKey } from '../i18n';
import { useContainers } from '../store/containers';
import { useSettings } from '../store/settings';
import { useTerminals } from '../store/terminals';
import { useUi } from '../store/ui';
import { confinementText, ownNamespacesOf } from '../terminal/confinement';

const SHELLS: { value: string; cmd?: string[] }[] = [
  { value: 'auto' },
  { value: '/bin/bash', cmd: ['/bin/bash'] },
  { value: '/bin/sh', cmd: ['/bin/sh'] },
  { value: '/bin/ash', cmd: ['/bin/ash'] },
];

/** Which namespaces to enter, how, and with which shell: then a new terminal tab. */
export function OpenTerminalDialog() {
  const t = useT();
  const dialogFor = useTerminals((s) => s.dialogFor);
  const openDialog = useTerminals((s) => s.openDialog);
  const add = useTerminals((s) => s.add);
  const setView = useUi((s) => s.setView);
  const list = useContainers((s) => s.list);
  const running = useMemo(() => list.filter((c) => c.state === 'running'), [list]);
  const [container, setContainer] = useState(dialogFor || (running[0] ? refOf(running[0]) : ''));
  const [ns, setNs] = useState<NsType[]>(SHELL_PRESETS.exec.namespaces);
  const [kind, setKind] = useState<ShellKind>('nsenter');
  const [shell, setShell] = useState('auto');
  const [unconfined, setUnconfined] = useState(false);
  const access = useSettings((s) => s.state?.status.kind ?? null);

  // What the shell will run with, by the planner's rule on the engine's modes; the server decides.
  const target = findByRef(running, container);
  const planned = kind === 'nsenter' && target ? routeFor(ns, ownNamespacesOf(target), unconfined) : null;
  // containerd has no exec through nsinspect: its whole-container shells need the opt-in too.
  const route = planned && target?.engine === 'containerd' ? withoutEngineExec(planned, unconfined) : planned;
  const partial = route !== null && route.confinement === 'unconfined';
  const hostSide = route !== null && (route.confinement === 'host-root' || (partial && unconfined));

  const toggle = (n: NsType) => setNs((cur) => (cur.includes(n) ? cur.filter((x) => x !== n) : [...cur, n]));
  const presetOn = (list: NsType[]) => list.length === ns.length && list.every((n) => ns.includes(n));
  const ok = container !== '' && (kind === 'docker-exec' || ns.length > 0);
  const submit = () => {
    if (!ok) return;
    const cmd = SHELLS.find((s) => s.value === shell)?.cmd;
    add({
      container,
      kind,
      namespaces: kind === 'docker-exec' ? [] : NS_TYPES.filter((n) => ns.includes(n)),
      ...(cmd ? { command: cmd } : {}),
      ...(partial && unconfined ? { unconfined: true } : {}),
    });
    setView('terminals');
  };

  return (
    <Dialog
      title={t('term.open')}
      testId="open-terminal"
      onDismiss={() => openDialog(null)}
      onSubmit={submit}
      footer={
        <>
          <button type="button" className="btn" onClick={() => openDialog(null)}>
            {t('term.cancel')}
          </button>
          <button type="submit" className="btn primary" disabled={!ok} data-action="open-terminal">
            {t('term.open')}
          </button>
        </>
      }
    >
      <label className="field">
        {t('term.container')}
        <select
          className="input"
          style={{ width: '100%' }}
          value={container}
          onChange={(e) => setContainer(e.target.value)}
          name="container"
        >
          {running.map((c) => (
            <option key={c.id} value={refOf(c)}>
              {refOf(c)} (PID {c.pid})
            </option>
          ))}
        </select>
      </label>
      <div className="field">
        <strong>{t('term.kind')}</strong>
        <div className="radios">
          <label>
            <input type="radio" name="kind" checked={kind === 'nsenter'} onChange={() => setKind('nsenter')} /> {t('term.kind.nsenter')}
          </label>
          <label>
            <input type="radio" name="kind" checked={kind === 'docker-exec'} onChange={() => setKind('docker-exec')} />{' '}
            {t('term.kind.exec')}
          </label>
        </div>
      </div>
      <fieldset
        disabled={kind === 'docker-exec'}
        style={{
          border: 'none',
          padding: 0,
          margin: 0,
          display: 'flex',
          flexDirection: 'column',
          gap: 8,
          opacity: kind === 'docker-exec' ? 0.5 : 1,
        }}
      >
        <div className="toolbar">
          <strong>{t('term.presets')}</strong>
          {(Object.keys(SHELL_PRESETS) as ShellPreset[]).map((p) => (
            <button
              key={p}
              type="button"
              className="btn small"
              aria-pressed={presetOn(SHELL_PRESETS[p].namespaces)}
              title={SHELL_PRESETS[p].namespaces.join(', ')}
              data-preset={p}
              onClick={() => setNs(SHELL_PRESETS[p].namespaces)}
            >
              {t(`term.preset.${p}` as MessageKey)}
            </button>
          ))}
        </div>
        <strong>{t('term.namespaces')}</strong>
        <div className="checks">
          {NS_TYPES.map((n) => (
            <label key={n} className={ns.includes(n) ? 'on' : ''} title={t(`ns.${n}`)}>
              <input type="checkbox" checked={ns.includes(n)} onChange={() => toggle(n)} data-ns={n} /> {n}
            </label>
          ))}
        </div>
      </fieldset>
      {kind === 'docker-exec' && (
        <div className="note" data-testid="confinement" data-confinement="container">
          {confinementText(t, { confinement: 'container', namespaces: [], missing: [] })}
        </div>
      )}
      {route && (
        <div
          className={route.confinement === 'container' ? 'note' : 'note warn'}
          data-testid="confinement"
          data-confinement={partial && !unconfined ? 'refused' : route.confinement}
        >
          {!partial && <div>{confinementText(t, { confinement: route.confinement, namespaces: route.enter, missing: [] })}</div>}
          {partial && (
            <>
              <div>{t('term.unconfinedHelp')}</div>
              <label>
                <input type="checkbox" checked={unconfined} onChange={(e) => setUnconfined(e.target.checked)} data-action="unconfined" />{' '}
                {t('term.unconfined')}
              </label>
            </>
          )}
          {route.notEntered.length > 0 && (
            <div className="muted small">{t('term.notEntered', { types: route.notEntered.map((n) => n.type).join(', ') })}</div>
          )}
          {hostSide && access === 'host-helper' && <div data-testid="asks-password">{t('term.askPassword')}</div>}
        </div>
      )}
      <label className="field">
        {t('term.shell')}
        <select className="input" style={{ width: '100%' }} value={shell} onChange={(e) => setShell(e.target.value)} name="shell">
          {SHELLS.map((s) => (
            <option key={s.value} value={s.value}>
              {s.value === 'auto' ? t('term.shell.auto') : s.value}
            </option>
          ))}
        </select>
      </label>
      {!ok && <span className="muted small">{t('term.noNamespaces')}</span>}
    </Dialog>
  );
}
