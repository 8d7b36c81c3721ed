import { useT, LOCALES, type Locale } from '../i18n';
import { useContainers } from '../store/containers';
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
  return (
    <header className="topbar">
      <div className="brand" title={t('app.tagline')}>
        <div className="brand-logo">ns</div>
        {t('app.title')}
      </div>
      <nav className="nav" role="tablist">
        {VIEWS.map((v) => (
          <button key={v} type="button" role="tab" aria-selected={view === v} data-nav={v} onClick={() => setView(v)}>
            {t(`nav.${v}`)}
            {v === 'terminals' && tabs > 0 && <span className="count">{tabs}</span>}
          </button>
        ))}
      </nav>
      <div className="spacer" />
      <EnginePill />
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
    </header>
  );
}

function EnginePill() {
  const t = useT();
  const engine = useContainers((s) => s.engine);
  if (!engine) return null;
  if (engine.status === 'connected') {
    return (
      <div className="engine-pill" title={`${engine.endpoint.url} — ${engine.endpoint.reason}`} data-engine="connected">
        <span className="dot ok" />
        {t('engine.connected', { version: engine.version, driver: engine.storageDriver })}
      </div>
    );
  }
  if (engine.status === 'connecting') {
    return (
      <div className="engine-pill" data-engine="connecting">
        <span className="spinner" style={{ width: 10, height: 10 }} />
        {t('engine.connecting', { url: engine.endpoint.url })}
      </div>
    );
  }
  return (
    <div className="engine-pill" title={`${engine.message} — ${engine.hint}`} data-engine="unreachable">
      <span className="dot bad" />
      {t('engine.unreachable')}
    </div>
  );
}
