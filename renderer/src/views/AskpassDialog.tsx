import { useEffect, useRef, useState } from 'react';
import { Dialog } from '../components/Dialog';
import { useT } from '../i18n';
import { useTell } from '../i18n/errors';
import { useSettings } from '../store/settings';

/**
 * sudo's password prompt, relayed from the serving side while it starts the host helper. The
 * password lives in this input only until it is sent (askpassReply); Cancel answers null.
 */
export function AskpassDialog() {
  const t = useT();
  const tell = useTell();
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
        {t('askpass.ended', { message: tell(replyError).message })}
      </div>
    ) : null;
  }
  const answer = (value: string | null) => {
    setPassword('');
    void reply(prompt.id, value);
  };
  return (
    <Dialog
      title={t('askpass.title')}
      testId="askpass"
      className="narrow"
      backdropClassName="askpass"
      dismissOnBackdrop={false}
      onDismiss={() => answer(null)}
      onSubmit={() => answer(password)}
      footer={
        <>
          <button type="button" className="btn" onClick={() => answer(null)} data-action="askpass-cancel">
            {t('askpass.cancel')}
          </button>
          <button type="submit" className="btn primary" data-action="askpass-ok">
            {t('askpass.ok')}
          </button>
        </>
      }
    >
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
    </Dialog>
  );
}
