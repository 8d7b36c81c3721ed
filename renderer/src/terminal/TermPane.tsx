import '@xterm/xterm/css/xterm.css';
import { findByRef } from '../../../shared/model/host';
import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon } from '@xterm/addon-search';
import { Unicode11Addon } from '@xterm/addon-unicode11';
import { WebLinksAddon } from '@xterm/addon-web-links';
import { WebglAddon } from '@xterm/addon-webgl';
import { Terminal, type ITheme } from '@xterm/xterm';
import { useCallback, useEffect, useRef, useState } from 'react';
import { EmptyState, ErrorBox } from '../components/common';
import { StartButton } from '../components/ContainerActions';
import { useContainers } from '../store/containers';
import { translate, useT, type T } from '../i18n';
import { useTell, type Telling, type Told } from '../i18n/errors';
import { copyText, readClipboard } from '../lib/clipboard';
import { registerSink, useTerminals, type TermTab } from '../store/terminals';
import { isDark, useUi } from '../store/ui';
import { confinementText } from './confinement';
import { FindBar } from './FindBar';
import { chooseRenderer } from './gpu';
import { TermMenu } from './TermMenu';

function cssVar(name: string, fallback: string): string {
  const v = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return v || fallback;
}

function theme(): ITheme {
  const dark = isDark();
  return {
    background: cssVar('--term-bg', dark ? '#101216' : '#ffffff'),
    foreground: cssVar('--term-fg', dark ? '#e4e7ec' : '#1d2330'),
    cursor: cssVar('--accent', '#2563eb'),
    selectionBackground: dark ? '#3b4a6b' : '#c7d7f5',
    ...(dark
      ? {}
      : { black: '#1d2330', brightBlack: '#5d6677', white: '#a0a8b6', brightWhite: '#5d6677', yellow: '#a16207', brightYellow: '#854d0e' }),
  };
}

export function endText(tab: TermTab, t: T, tell: (e: Telling) => Told): string | null {
  const end = tab.end;
  if (!end) return null;
  switch (end.reason) {
    case 'exited':
      return end.signal && end.code === 0 ? t('term.signal', { signal: end.signal }) : t('term.exited', { code: end.code });
    case 'container-stopped':
      return t('term.stopped');
    case 'closed':
      return t('term.closed');
    case 'error':
      return t('term.error', { message: tell({ code: 'failed', ...end }).message });
  }
}

/** What a status line is written for: the state and its cause, not the words (the language may change). */
function statusKey(tab: TermTab): string {
  return `${tab.status}:${JSON.stringify(tab.status === 'ended' ? tab.end : tab.status === 'error' ? tab.error : null)}`;
}

/** One terminal tab: xterm.js with its addons, wired to a shell session. */
export function TermPane({ tab, visible }: { tab: TermTab; visible: boolean }) {
  const t = useT();
  const tell = useTell();
  const hostRef = useRef<HTMLDivElement>(null);
  const termRef = useRef<Terminal | null>(null);
  const fitRef = useRef<FitAddon | null>(null);
  const searchRef = useRef<SearchAddon | null>(null);
  const [menu, setMenu] = useState<{ x: number; y: number } | null>(null);
  const [find, setFind] = useState(false);
  const renderer = chooseRenderer(); // decided once per page
  const [webgl, setWebgl] = useState(renderer.renderer === 'webgl');
  const fontSize = useTerminals((s) => s.fontSize);
  const scrollback = useTerminals((s) => s.scrollback);
  const { reconnect } = useTerminals.getState();
  const lastStatus = useRef<string | null>(null);

  const fit = () => {
    const host = hostRef.current;
    if (!host || host.clientWidth === 0 || host.clientHeight === 0) return;
    try {
      fitRef.current?.fit();
    } catch {
      /* not laid out yet */
    }
  };

  const focusTerm = useCallback(() => termRef.current?.focus(), []);
  const closeMenu = useCallback(() => setMenu(null), []);
  const closeFind = useCallback(() => {
    setFind(false);
    termRef.current?.focus();
  }, []);

  const doCopy = () => {
    const sel = termRef.current?.getSelection();
    if (sel) void copyText(sel);
  };
  const doPaste = async () => {
    const text = await readClipboard();
    if (text) termRef.current?.paste(text);
    termRef.current?.focus();
  };

  useEffect(() => {
    const st = useTerminals.getState();
    const { connect, input, resize } = st;
    const term = new Terminal({
      fontFamily: "'JetBrains Mono', 'DejaVu Sans Mono', 'Liberation Mono', monospace",
      fontSize: st.fontSize,
      scrollback: st.scrollback,
      cursorBlink: true,
      allowProposedApi: true,
      theme: theme(),
    });
    const fitAddon = new FitAddon();
    const search = new SearchAddon();
    term.loadAddon(fitAddon);
    term.loadAddon(search);
    term.loadAddon(new WebLinksAddon());
    term.loadAddon(new Unicode11Addon());
    term.unicode.activeVersion = '11';
    term.open(hostRef.current!);
    if (chooseRenderer().renderer === 'webgl') {
      try {
        const gl = new WebglAddon();
        gl.onContextLoss(() => {
          gl.dispose();
          setWebgl(false);
        });
        term.loadAddon(gl);
      } catch {
        setWebgl(false); // the DOM renderer takes over
      }
    }
    termRef.current = term;
    fitRef.current = fitAddon;
    searchRef.current = search;
    term.attachCustomKeyEventHandler((e) => {
      if (e.type !== 'keydown') return true;
      const k = e.key.toLowerCase();
      if (e.ctrlKey && e.shiftKey && k === 'c') {
        doCopy();
        e.preventDefault();
        return false;
      }
      if (e.ctrlKey && e.shiftKey && k === 'v') {
        void doPaste();
        e.preventDefault();
        return false;
      }
      if (e.ctrlKey && e.shiftKey && k === 'f') {
        setFind(true);
        e.preventDefault();
        return false;
      }
      if (e.ctrlKey && e.altKey && (k === '=' || k === '+' || k === '-' || k === '0')) {
        const s = useTerminals.getState();
        s.setFontSize(k === '-' ? s.fontSize - 1 : k === '0' ? 13 : s.fontSize + 1);
        return false;
      }
      return true;
    });
    term.onData((d) => input(tab.key, d));
    term.onResize(({ cols, rows }) => resize(tab.key, cols, rows));
    const unregister = registerSink(tab.key, {
      write: (data, done) => term.write(data, done),
      status: (key) => term.write(`\r\n\x1b[2m${translate(useUi.getState().locale, key)}\x1b[0m\r\n`),
      size: () => ({ cols: term.cols, rows: term.rows }),
    });
    const ro = new ResizeObserver(() => requestAnimationFrame(fit));
    ro.observe(hostRef.current!);
    const mq = window.matchMedia?.('(prefers-color-scheme: dark)');
    const onScheme = () => (term.options.theme = theme());
    mq?.addEventListener('change', onScheme);
    window.addEventListener('nsinspect-theme', onScheme);
    fit();
    void connect(tab.key);
    return () => {
      ro.disconnect();
      mq?.removeEventListener('change', onScheme);
      window.removeEventListener('nsinspect-theme', onScheme);
      unregister();
      term.dispose();
      termRef.current = null;
    };
    // One terminal per tab for the tab's whole life (deliberately keyed on the tab only).
  }, [tab.key]);

  useEffect(() => {
    const term = termRef.current;
    if (!term) return;
    term.options.fontSize = fontSize;
    term.options.scrollback = scrollback;
    fit();
  }, [fontSize, scrollback]);

  useEffect(() => {
    if (visible) {
      requestAnimationFrame(() => {
        fit();
        termRef.current?.focus();
      });
    }
  }, [visible]);

  // Status lines inside the terminal, once per change of the session's state: what is written
  // stays in the terminal's history, so a new language changes the status bar, not the history.
  useEffect(() => {
    const term = termRef.current;
    if (!term) return;
    const key = statusKey(tab);
    if (lastStatus.current === key) return;
    lastStatus.current = key;
    const text =
      tab.status === 'ended'
        ? endText(tab, t, tell)
        : tab.status === 'error' && tab.error
          ? t('term.error', { message: tell(tab.error).message })
          : null;
    if (text) term.write(`\r\n\x1b[2m${text}\x1b[0m\r\n`);
  }, [tab, t, tell]);

  const unavailable = tab.status === 'error' && tab.error?.code === 'unsupported';
  const canReconnect = tab.status === 'ended' || tab.status === 'error';
  const containerRuns = useContainers((s) => findByRef(s.list, tab.spec.container)?.state === 'running');
  const stoppedHere = !containerRuns && (tab.end?.reason === 'container-stopped' || tab.error?.code === 'not-running');

  return (
    <div
      className="term-pane"
      data-status={tab.status}
      data-end={tab.end?.reason ?? ''}
      data-renderer={webgl ? 'webgl' : 'dom'}
      data-gpu={renderer.gpu ?? ''}
    >
      {find && <FindBar search={searchRef.current} onClose={closeFind} />}
      <div
        className="term-host"
        ref={hostRef}
        onContextMenu={(e) => {
          e.preventDefault();
          setMenu({ x: e.clientX, y: e.clientY });
        }}
      >
        {unavailable && (
          <div style={{ position: 'absolute', inset: 0, background: 'var(--bg)', zIndex: 5 }} data-testid="terminals-unavailable">
            <EmptyState icon=">_" title={t('term.unavailable')}>
              <p>{t('term.unavailableHint')}</p>
              <p className="muted small">{tab.error ? tell(tab.error).message : ''}</p>
            </EmptyState>
          </div>
        )}
      </div>
      <div className="term-status" data-testid="term-status">
        {tab.status === 'connecting' && (
          <>
            <span className="spinner" style={{ width: 12, height: 12 }} /> {t('term.connecting')}
          </>
        )}
        {tab.status === 'open' && tab.session && (
          <>
            <span className="dot ok" />
            <span className="mono">
              {t('term.session', {
                kind: tab.session.kind,
                namespaces: tab.session.namespaces.join(',') || '—',
                access: tab.session.access,
                command: tab.session.command.join(' '),
              })}
            </span>
            <span
              className={tab.session.confinement === 'container' ? 'muted small' : 'tag warn'}
              data-testid="term-confinement"
              data-confinement={tab.session.confinement}
            >
              {confinementText(t, tab.session)}
            </span>
          </>
        )}
        {tab.status === 'ended' && (
          <>
            <span className="dot bad" />
            <strong data-testid="term-end">{endText(tab, t, tell)}</strong>
          </>
        )}
        {tab.status === 'error' && tab.error && !unavailable && <ErrorBox error={tab.error} />}
        <div className="spacer" />
        {/* A software GPU is no failure: the DOM renderer is the faster choice there. */}
        {!webgl && renderer.renderer === 'webgl' && <span className="faint small">{t('term.webglOff')}</span>}
        {/* The container stopped under the shell: start it here, then reconnect. */}
        {stoppedHere && <StartButton name={tab.spec.container} />}
        {canReconnect && !unavailable && (
          <button type="button" className="btn small primary" onClick={() => reconnect(tab.key)} data-action="reconnect">
            ↻ {t('term.reconnect')}
          </button>
        )}
      </div>
      {menu && (
        <TermMenu
          at={menu}
          onClose={closeMenu}
          refocus={focusTerm}
          t={t}
          actions={{
            copy: doCopy,
            paste: () => void doPaste(),
            selectAll: () => termRef.current?.selectAll(),
            clear: () => termRef.current?.clear(),
            find: () => setFind(true),
          }}
          hasSelection={!!termRef.current?.hasSelection()}
        />
      )}
    </div>
  );
}
