import { useEffect, useRef } from 'react';
import { findByRef } from '../../../shared/model/host';
import { Dialog } from '../components/Dialog';
import { useT } from '../i18n';
import { useActions } from '../store/actions';
import { useContainers } from '../store/containers';

/** Removing deletes what the container wrote (its upper layer): it asks first, Cancel focused. */
export function ConfirmRemoveDialog() {
  const t = useT();
  const name = useActions((s) => s.confirmRemove);
  const askRemove = useActions((s) => s.askRemove);
  const run = useActions((s) => s.run);
  const c = useContainers((s) => findByRef(s.list, name));
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => cancel.current?.focus(), [name]);
  if (!name) return null;
  const up = c?.state === 'running' || c?.state === 'paused' || c?.state === 'restarting';
  const close = () => askRemove(null);
  return (
    <Dialog
      title={t('actions.confirmTitle', { name })}
      testId="confirm-remove"
      className="narrow"
      onDismiss={close}
      onSubmit={() => {
        close();
        void run(name, 'remove');
      }}
      footer={
        <>
          <button ref={cancel} type="button" className="btn" data-action="cancel" onClick={close}>
            {t('actions.cancel')}
          </button>
          <button type="submit" className="btn danger-fill" data-action="confirm-remove">
            {t('actions.confirm')}
          </button>
        </>
      }
    >
      <p style={{ margin: 0 }}>{t('actions.confirmBody')}</p>
      {up && (
        <p className="bad-text" style={{ margin: 0 }}>
          {t('actions.confirmRunning')}
        </p>
      )}
    </Dialog>
  );
}
