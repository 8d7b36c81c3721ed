import { useState } from 'react';
import { HELPER_PROFILE } from '../../../shared/api/helper-profile';
import { ACCESS_SETTINGS, IMAGE_REF, type AccessSetting } from '../../../shared/api/settings';
import { ErrorBox, Loading } from '../components/common';
import { Dialog } from '../components/Dialog';
import { LOCALES, useT, type Locale, type MessageKey } from '../i18n';
import { useSay } from '../i18n/errors';
import { useSettings } from '../store/settings';
import { useTerminals } from '../store/terminals';
import { useUi, type Theme } from '../store/ui';
import { HostsSection } from './HostsSection';

const SCROLLBACKS = [1000, 5000, 10000, 50000];
const THEMES: Theme[] = ['system', 'light', 'dark'];

/** The access backend and helper image (kept by the serving side), and this window's own preferences. */
export function SettingsDialog() {
  const t = useT();
  const say = useSay();
  const { state, loadError, saveError, saving, setOpen, save } = useSettings();
  const theme = useUi((s) => s.theme);
  const setTheme = useUi((s) => s.setTheme);
  const locale = useUi((s) => s.locale);
  const setLocale = useUi((s) => s.setLocale);
  const scrollback = useTerminals((s) => s.scrollback);
  const setScrollback = useTerminals((s) => s.setScrollback);
  const [access, setAccess] = useState<AccessSetting>(state?.settings.access ?? 'auto');
  const [image, setImage] = useState(state?.settings.helperImage ?? '');
  const [applied, setApplied] = useState(false);

  // The form starts from what the server says, once it has said it; later status events
  // must not reset what is being edited (set while rendering, as React advises for this).
  const [seeded, setSeeded] = useState(state !== null);
  if (state && !seeded) {
    setSeeded(true);
    setAccess(state.settings.access);
    setImage(state.settings.helperImage);
  }

  const imageOk = IMAGE_REF.test(image) && image.length <= 255;
  const dirty = !!state && (access !== state.settings.access || image !== state.settings.helperImage);
  const retry = !dirty && state?.status.state === 'failed';
  const apply = async () => {
    if (!imageOk || (!dirty && !retry)) return;
    setApplied(false);
    if (await save({ access, helperImage: image })) setApplied(true);
  };
  const status = state?.status;

  return (
    <Dialog
      title={t('settings.title')}
      testId="settings"
      className="settings"
      onDismiss={() => setOpen(false)}
      onSubmit={() => void apply()}
      footer={
        <>
          <button type="button" className="btn" onClick={() => setOpen(false)} data-action="close-settings">
            {t('settings.close')}
          </button>
        </>
      }
    >
      <section className="settings-section" aria-labelledby="settings-access">
        <h3 id="settings-access">{t('settings.access')}</h3>
        <span className="muted small">{t('settings.accessHelp')}</span>
        {loadError ? (
          <ErrorBox error={loadError} prefix={t('settings.unavailable')} />
        ) : !state ? (
          <Loading text={t('common.loading')} />
        ) : (
          <>
            <div className="radios access-choices">
              {ACCESS_SETTINGS.map((k) => (
                <label key={k} data-access={k}>
                  <input type="radio" name="access" value={k} checked={access === k} onChange={() => setAccess(k)} />
                  <span>
                    <strong>{t(`settings.access.${k}` as MessageKey)}</strong>
                    <span className="muted small needs">{t(`settings.access.${k}.needs` as MessageKey)}</span>
                  </span>
                </label>
              ))}
            </div>
            <label className="field">
              {t('settings.helperImage')}
              <input
                className="input mono"
                name="helperImage"
                value={image}
                spellCheck={false}
                autoComplete="off"
                aria-invalid={!imageOk}
                onChange={(e) => setImage(e.target.value.trim())}
                style={{ width: '100%' }}
              />
              <span className={`small ${imageOk ? 'muted' : 'bad-text'}`} style={{ fontWeight: 'normal' }} data-testid="image-help">
                {imageOk ? t('settings.helperImageHelp') : t('settings.helperImageBad')}
              </span>
            </label>
            <div className="muted small" data-testid="helper-profile">
              <p>
                {t('settings.helperRuns', {
                  ns: HELPER_PROFILE.hostNamespaces.join(', '),
                  sec: HELPER_PROFILE.securityOpt.join(', '),
                  caps: HELPER_PROFILE.capabilities.join(', '),
                })}
              </p>
              <p>{t('settings.helperOffline')}</p>
            </div>
            <div className="toolbar">
              <button
                type="submit"
                className="btn primary"
                disabled={(!dirty && !retry) || !imageOk || saving}
                data-action="apply-settings"
              >
                {saving ? t('settings.applying') : retry ? t('settings.retry') : t('settings.apply')}
              </button>
              {applied && !dirty && <span className="muted small">{t('settings.applied')}</span>}
            </div>
            {saveError && <ErrorBox error={saveError} />}
            {status && (
              <div
                className={`access-status ${status.state}`}
                data-testid="access-status"
                data-state={status.state}
                data-kind={status.kind ?? ''}
              >
                <div>
                  <strong>{t('settings.serving')}: </strong>
                  {status.state === 'starting' ? (
                    <span className="spinner" style={{ width: 10, height: 10, display: 'inline-block' }} />
                  ) : null}{' '}
                  <code>
                    {status.state === 'ready'
                      ? status.kind
                      : status.state === 'starting'
                        ? t('settings.state.starting')
                        : t('settings.state.failed')}
                  </code>
                </div>
                {status.state !== 'failed' && (
                  <div className="small">
                    {t('settings.why')}: {say(status.why, status.whySaid)}
                  </div>
                )}
                {status.tried.length > 0 && status.state !== 'failed' && (
                  <div className="small muted">
                    {t('settings.tried')}:
                    <ul>
                      {status.tried.map((x) => (
                        <li key={x.kind}>
                          <code>{x.kind}</code>: {say(x.why, x.whySaid)}
                        </li>
                      ))}
                    </ul>
                  </div>
                )}
                {status.error && <ErrorBox error={status.error} />}
              </div>
            )}
            <span className="muted small" data-testid="settings-store">
              {state.store.kind === 'file' ? t('settings.stored.file', { path: state.store.path }) : t('settings.stored.memory')}
            </span>
          </>
        )}
      </section>

      <HostsSection />

      <section className="settings-section" aria-labelledby="settings-appearance">
        <h3 id="settings-appearance">{t('settings.appearance')}</h3>
        <div className="field">
          <strong>{t('settings.theme')}</strong>
          <div className="radios row">
            {THEMES.map((th) => (
              <label key={th}>
                <input type="radio" name="theme" value={th} checked={theme === th} onChange={() => setTheme(th)} />{' '}
                {t(`settings.theme.${th}` as MessageKey)}
              </label>
            ))}
          </div>
        </div>
        <label className="field">
          {t('settings.language')}
          <select className="input" name="locale" value={locale} onChange={(e) => setLocale(e.target.value as Locale)}>
            {(Object.keys(LOCALES) as Locale[]).map((l) => (
              <option key={l} value={l}>
                {LOCALES[l].name}
              </option>
            ))}
          </select>
        </label>
      </section>

      <section className="settings-section" aria-labelledby="settings-terminal">
        <h3 id="settings-terminal">{t('settings.terminal')}</h3>
        <label className="field">
          {t('settings.scrollback')}
          <select className="input" name="scrollback" value={scrollback} onChange={(e) => setScrollback(Number(e.target.value))}>
            {[...new Set([...SCROLLBACKS, scrollback])]
              .sort((a, b) => a - b)
              .map((n) => (
                <option key={n} value={n}>
                  {t('term.lines', { n })}
                </option>
              ))}
          </select>
        </label>
        <span className="muted small">{t('settings.local')}</span>
      </section>
    </Dialog>
  );
}
