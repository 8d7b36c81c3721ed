import { ErrorBox } from '../components/common';
import { HostPicker } from '../components/HostBar';
import { useT } from '../i18n';
import { useHosts } from '../store/hosts';

/** Settings: the hosts open (endpoint and state), closing the ones opened at run time, opening another. */
export function HostsSection() {
  const t = useT();
  const { state, error, busy, close } = useHosts();
  if (!state) return null;
  return (
    <section className="settings-section" aria-labelledby="settings-hosts" data-testid="settings-hosts">
      <h3 id="settings-hosts">{t('hosts.title')}</h3>
      <span className="muted small">{state.canOpen ? t('hosts.help') : t('hosts.oneHost')}</span>
      <table className="grid hosts">
        <thead>
          <tr>
            <th>{t('hosts.name')}</th>
            <th>{t('hosts.endpoint')}</th>
            <th>{t('hosts.state')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {state.open.map((h) => (
            <tr key={h.tag.key} data-host={h.tag.key} data-status={h.status}>
              <td>
                {h.tag.label}{' '}
                {h.primary && (
                  <span className="tag" title={t('hosts.firstTitle')}>
                    {t('hosts.first')}
                  </span>
                )}
              </td>
              <td className="mono small">{h.tag.endpoint}</td>
              <td className={h.status === 'unreachable' ? 'bad-text' : ''} title={h.message}>
                {t(`hosts.state.${h.status}`)}
              </td>
              <td>
                {!h.primary && state.canOpen && (
                  <button
                    type="button"
                    className="btn small"
                    data-action="close-host"
                    disabled={busy !== null}
                    onClick={() => void close(h.tag.key)}
                  >
                    {t('hosts.close', { host: h.tag.label })}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <HostPicker />
      {error && <ErrorBox error={error} />}
    </section>
  );
}
