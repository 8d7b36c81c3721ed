import { lazy, Suspense, useEffect } from 'react';
import { api } from './api';
import { ContainerList } from './components/ContainerList';
import { Loading } from './components/common';
import { TopBar } from './components/TopBar';
import { useT } from './i18n';
import { useLinkState } from './lib/link';
import { useContainers } from './store/containers';
import { useHosts } from './store/hosts';
import { useLayout } from './store/layout';
import { useTerminals } from './store/terminals';
import { useSettings } from './store/settings';
import { applyTheme, useUi } from './store/ui';
import { AskpassDialog } from './views/AskpassDialog';
import { CompareView } from './views/CompareView';
import { DetailsPanel } from './views/DetailsPanel';
import { ConfirmRemoveDialog } from './views/ConfirmRemoveDialog';
import { HostMapView } from './views/HostMapView';
import { OpenTerminalDialog } from './views/OpenTerminalDialog';
import { SettingsDialog } from './views/SettingsDialog';

// The heavy parts load when first shown: the diagram (React Flow + ELK) and the terminals (xterm.js).
const NetworkView = lazy(() => import('./views/NetworkView'));
const TerminalsView = lazy(() => import('./views/TerminalsView'));

export function App() {
  const view = useUi((s) => s.view);
  const locale = useUi((s) => s.locale);
  const theme = useUi((s) => s.theme);
  const settingsOpen = useSettings((s) => s.open);
  const hasTabs = useTerminals((s) => s.tabs.length > 0);
  const dialogFor = useTerminals((s) => s.dialogFor);
  const sidebarFolded = useLayout((s) => s.sidebarFolded);
  const t = useT();

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  useEffect(() => applyTheme(theme), [theme]);
  useEffect(() => useSettings.getState().start(), []);
  useEffect(() => useContainers.getState().start(), []);
  useEffect(() => useHosts.getState().start(), []);
  useEffect(() => useTerminals.getState().start(), []);
  useEffect(() => {
    document.body.dataset.face = api().face;
  }, []);

  return (
    <div className="app" data-sidebar={sidebarFolded ? 'folded' : 'open'}>
      <TopBar />
      <LinkBanner />
      <div className="main">
        <aside className="sidebar" id="sidebar" hidden={sidebarFolded}>
          <ContainerList />
        </aside>
        <main className="content" data-view={view}>
          {view === 'compare' && <CompareView />}
          {view === 'network' && (
            <Suspense fallback={<Loading text={t('common.loading')} />}>
              <NetworkView />
            </Suspense>
          )}
          {view === 'hostmap' && <HostMapView />}
          {/* Terminals stay mounted once opened, so their sessions survive switching views. */}
          {(view === 'terminals' || hasTabs) && (
            <div style={{ display: view === 'terminals' ? 'contents' : 'none' }}>
              <Suspense fallback={<Loading text={t('common.loading')} />}>
                <TerminalsView visible={view === 'terminals'} />
              </Suspense>
            </div>
          )}
        </main>
        <DetailsPanel />
      </div>
      {dialogFor !== null && <OpenTerminalDialog />}
      {settingsOpen && <SettingsDialog />}
      <ConfirmRemoveDialog />
      {/* Last: a password prompt goes over everything else. */}
      <AskpassDialog />
    </div>
  );
}

function LinkBanner() {
  const t = useT();
  const link = useLinkState();
  if (link === 'open') return null;
  const text = link === 'lost' ? t('link.lost') : link === 'no-token' ? t('link.noToken') : t('link.connecting');
  return (
    <div className="banner" data-link={link}>
      {text}
    </div>
  );
}
