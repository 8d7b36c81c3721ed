import type { ContainerAction } from '../../../shared/model/actions';
import { refOf } from '../../../shared/model/host';
import type { Container } from '../../../shared/model/container';
import { useT } from '../i18n';
import { useActions } from '../store/actions';
import { ActionIcon } from './ActionIcons';

/** Which actions make sense in each state: a stopped container starts; a running or paused one stops. */
export function actionsFor(c: Container): { action: ContainerAction; enabled: boolean }[] {
  const up = c.state === 'running' || c.state === 'paused' || c.state === 'restarting';
  const settling = c.state === 'removing';
  return [
    up ? { action: 'stop', enabled: !settling } : { action: 'start', enabled: !settling && c.state !== 'dead' },
    { action: 'restart', enabled: !settling && c.state !== 'dead' },
    { action: 'remove', enabled: !settling },
  ];
}

/** Start or stop, restart, remove (which asks first), as icon buttons named for screen readers. */
export function ContainerActions({ c }: { c: Container }) {
  const t = useT();
  const busy = useActions((s) => s.busy[refOf(c)]);
  const run = useActions((s) => s.run);
  const askRemove = useActions((s) => s.askRemove);
  // containerd's are started and stopped by their own tools (kubelet, nerdctl, ctr), not through nsinspect.
  if (c.engine === 'containerd') return null;
  return (
    <div className="life" role="group" aria-label={t('actions.group', { name: c.name })}>
      {actionsFor(c).map(({ action, enabled }) => {
        const label = t(`actions.${action}`, { name: c.name });
        return (
          <button
            key={action}
            type="button"
            className={`btn small icon${action === 'remove' ? ' danger' : ''}`}
            title={label}
            aria-label={label}
            data-action={action}
            disabled={!enabled || busy !== undefined}
            aria-busy={busy === action}
            onClick={() => (action === 'remove' ? askRemove(refOf(c)) : void run(refOf(c), action))}
          >
            {busy === action ? <span className="spinner" style={{ width: 11, height: 11 }} /> : <ActionIcon action={action} />}
          </button>
        );
      })}
    </div>
  );
}

/** "Start NAME" where a view says a container is not running. */
export function StartButton({ name }: { name: string }) {
  const t = useT();
  const busy = useActions((s) => s.busy[name]);
  const run = useActions((s) => s.run);
  return (
    <button
      type="button"
      className="btn small primary"
      data-action="start"
      data-start-for={name}
      disabled={busy !== undefined}
      onClick={() => void run(name, 'start')}
    >
      {busy ? <span className="spinner" style={{ width: 11, height: 11 }} /> : <ActionIcon action="start" />}
      {t('actions.start', { name })}
    </button>
  );
}
