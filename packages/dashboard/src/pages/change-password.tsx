import { useEffect, useRef, useState } from 'preact/hooks';
import { placeSentences } from '../error-sentences';
import { useI18n } from '../i18n';
import type { Session } from '../resources';
import { changePassword } from '../session';
import { Field } from '../ui/widgets';

const FIELDS = ['current_password', 'new_password'];

/**
 * What a user invited with a one-time password sees instead of every page until they choose their own (the API
 * refuses everything else meanwhile). The answer is a new session, handed on as sign-in's is.
 */
export function ChangePassword({
  email,
  onChanged,
  onSignOut,
}: {
  email: string;
  onChanged(session: Session): void;
  onSignOut(): void;
}) {
  const { t } = useI18n();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeated, setRepeated] = useState('');
  const [errors, setErrors] = useState<{ fields: Record<string, string>; form: string | null }>({
    fields: {},
    form: null,
  });
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (next !== repeated) {
      setErrors({ fields: { repeated: t('password.mismatch') }, form: null });
      return;
    }
    setBusy(true);
    setErrors({ fields: {}, form: null });
    try {
      onChanged(await changePassword(current, next));
    } catch (failure) {
      setErrors(placeSentences(t, failure, FIELDS));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="main" class="sign-in">
      <h1 ref={heading} tabIndex={-1}>
        {t('password.title')}
      </h1>
      <form onSubmit={submit} aria-labelledby="password-intro" class="card" data-password-change>
        <p id="password-intro">{t('password.intro', { email })}</p>
        {errors.form && (
          <p class="error-banner" role="alert">
            {errors.form}
          </p>
        )}
        <Field
          label={t('password.current')}
          name="current_password"
          type="password"
          value={current}
          onInput={setCurrent}
          required
          autoComplete="current-password"
          error={errors.fields.current_password}
        />
        <Field
          label={t('password.new')}
          name="new_password"
          type="password"
          value={next}
          onInput={setNext}
          required
          autoComplete="new-password"
          hint={t('password.hint')}
          error={errors.fields.new_password}
        />
        <Field
          label={t('password.repeat')}
          name="repeated_password"
          type="password"
          value={repeated}
          onInput={setRepeated}
          required
          autoComplete="new-password"
          error={errors.fields.repeated}
        />
        <div class="filter-buttons">
          <button type="submit" class="primary" disabled={busy} aria-busy={busy}>
            {t('password.submit')}
          </button>
          <button type="button" onClick={onSignOut}>
            {t('nav.signOut')}
          </button>
        </div>
      </form>
    </main>
  );
}
