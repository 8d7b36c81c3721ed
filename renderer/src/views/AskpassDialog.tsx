import { useEffect, useRef, useState } from 'react';
import { useT } from '../i18n';
import { useSettings } from '../store/settings';

/**
 * sudo's password prompt, relayed from the serving side while it starts the host helper. The
 * password lives in this input only until it is sent (askpassReply); Cancel answers null.
 */
export function AskpassDialog() {
  const t = useT();
  const prompts = useSettings((s) => s.prompts);
  const reply = useSettings((s) => s.reply);
  const replyError = useSettings((s) => s.replyError);
  const prompt = prompts[0];
  const [password, setPassword] = useState('');
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    setPassword('');
    input.current?.focus();
  }, [prompt?.id]);

  if (!prompt) {
    return replyError ? (
      <div className="toast" role="status">
        {t('askpass.ended', { message: replyError.message })}
      </div>
    ) : null;
  }
  const answer = (value: string | null) => {
    setPassword('');
    void reply(prompt.id, value);
  };
  return (
    <div className="backdrop askpass">
      <form
        className="dialog narrow"
        role="dialog"
        aria-modal="true"
        aria-label={t('askpass.title')}
        data-testid="askpass"
        onSubmit={(e) => {
          e.preventDefault();
          answer(password);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            answer(null);
          }
        }}
      >
        <div className="card-head">
          <h2>{t('askpass.title')}</h2>
        </div>
        <div className="card-body">
          <span>{t('askpass.intro')}</span>
          <code className="askpass-prompt" data-testid="askpass-prompt">
            {prompt.prompt || 'Password:'}
          </code>
          <label className="field">
            {t('askpass.password')}
            <input
              ref={input}
              className="input"
              type="password"
              name="password"
              autoComplete="off"
              autoFocus
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              style={{ width: '100%' }}
            />
          </label>
          <span className="muted small">{t('askpass.note')}</span>
          {prompts.length > 1 && <span className="muted small">{t('askpass.more', { n: prompts.length - 1 })}</span>}
        </div>
        <div className="dialog-foot">
          <button type="button" className="btn" onClick={() => answer(null)} data-action="askpass-cancel">
            {t('askpass.cancel')}
          </button>
          <button type="submit" className="btn primary" data-action="askpass-ok">
            {t('askpass.ok')}
          </button>
        </div>
      </form>
    </div>
  );
}
