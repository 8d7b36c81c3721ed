import { EmptyState } from '../components/common';
import { useT } from '../i18n';
import { tabLabel, useTerminals } from '../store/terminals';
import { TermPane } from '../terminal/TermPane';
import { tabTooltip } from '../terminal/confinement';

const SCROLLBACKS = [1000, 5000, 10000, 50000];

export default function TerminalsView({ visible }: { visible: boolean }) {
  const t = useT();
  const { tabs, active, activate, close, openDialog, fontSize, setFontSize, scrollback, setScrollback } = useTerminals();
  return (
    <div className="terms" data-testid="terminals-view">
      <div className="tabs" role="tablist">
        {tabs.map((tab) => (
          <div
            key={tab.key}
            className="tab"
            role="tab"
            aria-selected={tab.key === active}
            data-tab={tab.key}
            title={tab.session ? tabTooltip(t, tab.session) : tabLabel(tab.spec)}
            data-confinement={tab.session?.confinement}
            onClick={() => activate(tab.key)}
            onAuxClick={(e) => e.button === 1 && close(tab.key)}
          >
            <span className={`dot ${tab.status === 'open' ? 'ok' : tab.status === 'connecting' ? 'warn' : 'bad'}`} />
            {tabLabel(tab.spec, tab.session)}
            <button
              type="button"
              className="x"
              aria-label={t('term.close')}
              title={t('term.close')}
              onClick={(e) => {
                e.stopPropagation();
                close(tab.key);
              }}
            >
              ✕
            </button>
          </div>
        ))}
        <button
          type="button"
          className="btn small ghost"
          style={{ margin: 'auto 6px' }}
          onClick={() => openDialog('')}
          data-action="new-terminal"
        >
          + {t('term.new')}
        </button>
        <div className="spacer" />
        <div className="toolbar" style={{ padding: '0 8px' }}>
          <button
            type="button"
            className="btn small icon"
            title={t('term.zoomOut')}
            aria-label={t('term.zoomOut')}
            onClick={() => setFontSize(fontSize - 1)}
          >
            A−
          </button>
          <span className="mono small">{fontSize}px</span>
          <button
            type="button"
            className="btn small icon"
            title={t('term.zoomIn')}
            aria-label={t('term.zoomIn')}
            onClick={() => setFontSize(fontSize + 1)}
          >
            A+
          </button>
          <select
            className="input"
            style={{ height: 22, fontSize: 12 }}
            aria-label={t('term.scrollback')}
            title={t('term.scrollback')}
            value={scrollback}
            onChange={(e) => setScrollback(Number(e.target.value))}
          >
            {SCROLLBACKS.map((n) => (
              <option key={n} value={n}>
                {t('term.lines', { n })}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div style={{ position: 'relative', minHeight: 0 }}>
        {tabs.length === 0 && (
          <EmptyState icon=">_" title={t('term.none')}>
            <p>{t('term.noneHint')}</p>
          </EmptyState>
        )}
        {tabs.map((tab) => (
          <div key={tab.key} style={{ display: tab.key === active ? 'block' : 'none', height: '100%' }}>
            <TermPane tab={tab} visible={visible && tab.key === active} />
          </div>
        ))}
      </div>
    </div>
  );
}
