import { useT, LOCALES, type Locale } from '../i18n';
import { useSay, useTell, type Told } from '../i18n/errors';
import { useLinkState } from '../lib/link';
import { tabIndexFor, tabListKeys } from '../lib/roving-tabs';
import { useContainers } from '../store/containers';
import { useLayout } from '../store/layout';
import { useSettings } from '../store/settings';
import { useTerminals } from '../store/terminals';
import { useUi, type View } from '../store/ui';

const VIEWS: View[] = ['compare', 'network', 'hostmap', 'terminals'];

export function TopBar() {
  const t = useT();
  const view = useUi((s) => s.view);
  const setView = useUi((s) => s.setView);
  const locale = useUi((s) => s.locale);
  const setLocale = useUi((s) => s.setLocale);
  const tabs = useTerminals((s) => s.tabs.length);
  const setOpen = useSettings((s) => s.setOpen);
  const folded = useLayout((s) => s.sidebarFolded);
  const toggleSidebar = useLayout((s) => s.toggleSidebar);
  return (
    <header className="topbar">
      <button
        type="button"
        className="btn icon ghost sidebar-toggle"
        aria-expanded={!folded}
        aria-controls="sidebar"
        aria-label={folded ? t('layout.showList') : t('layout.hideList')}
        title={folded ? t('layout.showList') : t('layout.hideList')}
        data-action="toggle-sidebar"
        onClick={toggleSidebar}
      >
        <svg viewBox="0 0 16 16" width="15" height="15" fill="none" stroke="currentColor" strokeWidth="1.4" aria-hidden>
          <rect x="1.5" y="2.5" width="13" height="11" rx="1.5" />
          <path d={folded ? 'M5.5 2.5v11' : 'M5.5 2.5v11M2.5 5h2M2.5 7h2M2.5 9h2'} />
        </svg>
      </button>
      <div className="brand" title={t('app.tagline')}>
        <div className="brand-logo">ns</div>
        {t('app.title')}
      </div>
      <nav className="nav" role="tablist" aria-label={t('nav.label')} onKeyDown={tabListKeys(VIEWS, view, setView)}>
        {VIEWS.map((v) => (
          <button
            key={v}
            type="button"
            role="tab"
            aria-selected={view === v}
            tabIndex={tabIndexFor(view === v)}
            data-nav={v}
            onClick={() => setView(v)}
          >
            {t(`nav.${v}`)}
            {v === 'terminals' && tabs > 0 && <span className="count">{tabs}</span>}
          </button>
        ))}
      </nav>
      <div className="spacer" />
      <EnginePill />
      <AccessPill />
      <select
        className="input"
        aria-label={t('lang.label')}
        value={locale}
        onChange={(e) => setLocale(e.target.value as Locale)}
        style={{ height: 26 }}
      >
        {(Object.keys(LOCALES) as Locale[]).map((l) => (
          <option key={l} value={l}>
            {LOCALES[l].name}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="btn icon"
        data-action="settings"
        title={t('settings.open')}
        aria-label={t('settings.open')}
        onClick={() => setOpen(true)}
      >
        <svg viewBox="0 0 16 16" width="15" height="15" fill="none" stroke="currentColor" strokeWidth="1.4" aria-hidden>
          <circle cx="8" cy="8" r="2.2" />
          <path d="M8 1.5v2M8 12.5v2M1.5 8h2M12.5 8h2M3.4 3.4l1.4 1.4M11.2 11.2l1.4 1.4M3.4 12.6l1.4-1.4M11.2 4.8l1.4-1.4" />
        </svg>
      </button>
    </header>
  );
}

function EnginePill() {
  const t = useT();
  const tell = useTell();
  const say = useSay();
  const engine = useContainers((s) => s.engine);
  const link = useLinkState();
  if (!engine) return null;
  // Without the link, the last state heard is no news: grey, not green.
  if (link !== 'open') {
    return (
      <div className="engine-pill" title={t('link.lost')} data-engine="unknown">
        <span className="dot" />
        <span className="pill-text">{t('engine.unknown')}</span>
      </div>
    );
  }
  if (engine.status === 'connected') {
    return (
      <div
        className="engine-pill"
        title={`${engine.endpoint.url} — ${say(engine.endpoint.reason, engine.endpoint.reasonSaid)}`}
        data-engine="connected"
      >
        <span className="dot ok" />
        <span className="pill-text">{t('engine.connected', { version: engine.version, driver: engine.storageDriver })}</span>
      </div>
    );
  }
  if (engine.status === 'connecting') {
    return (
      <div className="engine-pill" data-engine="connecting">
        <span className="spinner" style={{ width: 10, height: 10 }} />
        <span className="pill-text">{t('engine.connecting', { url: engine.endpoint.url })}</span>
      </div>
    );
  }
  return (
    <div className="engine-pill" title={titleOf(tell({ code: 'engine', ...engine }))} data-engine="unreachable">
      <span className="dot bad" />
      <span className="pill-text">{t('engine.unreachable')}</span>
    </div>
  );
}

/** Which access backend serves, in a word; a click opens Settings (why, and how to change it). */
function AccessPill() {
  const t = useT();
  const tell = useTell();
  const say = useSay();
  const status = useSettings((s) => s.state?.status);
  const setOpen = useSettings((s) => s.setOpen);
  const link = useLinkState();
  if (!status) return null;
  if (link !== 'open') {
    return (
      <button
        type="button"
        className="engine-pill access-pill"
        data-access-state="unknown"
        title={t('link.lost')}
        onClick={() => setOpen(true)}
      >
        <span className="dot" />
        <span className="pill-text">{t('access.pillUnknown')}</span>
      </button>
    );
  }
  const text =
    status.state === 'ready'
      ? t('access.pill', { kind: status.kind ?? '' })
      : status.state === 'starting'
        ? t('access.pillStarting')
        : t('access.pillFailed');
  return (
    <button
      type="button"
      className="engine-pill access-pill"
      data-access-state={status.state}
      title={status.error ? titleOf(tell(status.error)) : say(status.why, status.whySaid)}
      onClick={() => setOpen(true)}
    >
      <span className={`dot ${status.state === 'ready' ? 'ok' : status.state === 'failed' ? 'bad' : ''}`} />
      <span className="pill-text">{text}</span>
    </button>
  );
}

/** A translated error as a tooltip: the line, then what to do. */
function titleOf(t: Told): string {
  return t.hint ? `${t.message} — ${t.hint}` : t.message;
}
