import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiFailure } from '../api';
import { placeSentences } from '../error-sentences';
import { useI18n } from '../i18n';
import type { Session } from '../resources';
import { signIn } from '../session';
import { Field } from '../ui/widgets';

export function SignIn({ onSignedIn, expired }: { onSignedIn(session: Session): void; expired: boolean }) {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(expired ? t('signIn.expired') : null);
  const [busy, setBusy] = useState(false);
  // Counts the answers, so a repeated identical message is still announced (and tests can wait for the next one).
  const [answers, setAnswers] = useState(0);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await signIn(email, password));
    } catch (failure) {
      if (failure instanceof ApiFailure && failure.code === 'too_many_attempts') {
        const minutes = Math.max(1, Math.ceil((failure.retryAfterSeconds ?? 900) / 60));
        setError(t('signIn.throttled', { minutes }));
      } else if (failure instanceof ApiFailure && failure.code === 'invalid_credentials') {
        setError(t('signIn.invalid'));
      } else {
        setError(placeSentences(t, failure).form);
      }
    } finally {
      setAnswers((n) => n + 1);
      setBusy(false);
    }
  };

  return (
    <main id="main" class="sign-in">
      <h1 ref={heading} tabIndex={-1}>
        {t('app.title')}
      </h1>
      <form onSubmit={submit} aria-labelledby="sign-in-title" class="card">
        <h2 id="sign-in-title">{t('signIn.title')}</h2>
        {error && (
          <p key={answers} class="error-banner" role="alert" data-sign-in-error data-attempt={answers}>
            {error}
          </p>
        )}
        <Field
          label={t('signIn.email')}
          name="email"
          type="email"
          value={email}
          onInput={setEmail}
          required
          autoComplete="username"
        />
        <Field
          label={t('signIn.password')}
          name="password"
          type="password"
          value={password}
          onInput={setPassword}
          required
          autoComplete="current-password"
        />
        <button type="submit" class="primary" disabled={busy} aria-busy={busy}>
          {t('signIn.submit')}
        </button>
      </form>
    </main>
  );
}
