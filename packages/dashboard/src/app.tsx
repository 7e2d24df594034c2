import { useEffect, useMemo, useState } from 'preact/hooks';
import { setCsrfToken, speakErrorsIn, whenUnauthenticated } from './api';
import { I18nContext, initialLocale, type Locale, rememberLocale, translator, useI18n } from './i18n';
import { ApiKeysPage } from './pages/api-keys';
import { AuditPage } from './pages/audit';
import { ChangePassword } from './pages/change-password';
import { ConnectionsPage } from './pages/connections';
import { OverviewPage } from './pages/overview';
import { ReconciliationPage } from './pages/reconciliation';
import { ReconciliationRunPage } from './pages/reconciliation-run';
import { SignIn } from './pages/sign-in';
import { TeamPage } from './pages/team';
import { TransactionPage } from './pages/transaction';
import { TransactionsPage } from './pages/transactions';
import { WebhooksPage } from './pages/webhooks';
import type { Session } from './resources';
import { href, onLinkClick, type Route, useRoute } from './router';
import { readSession, SessionContext, sessionState, signOut, useSession } from './session';

type Phase = { kind: 'loading' } | { kind: 'signed-out'; expired: boolean } | { kind: 'signed-in'; session: Session };

export function App() {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const i18n = useMemo(() => {
    const t = translator(locale);
    // Before this render, so a field's refusal (ApiFailure.detailFor) is worded in the language it is shown in.
    speakErrorsIn(t);
    return {
      locale,
      t,
      setLocale: (next: Locale) => {
        rememberLocale(next);
        setLocaleState(next);
      },
    };
  }, [locale]);
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const route = useRoute();

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = i18n.t('app.title');
  }, [locale, i18n]);

  useEffect(() => {
    whenUnauthenticated(() => {
      setCsrfToken(null);
      setPhase({ kind: 'signed-out', expired: true });
    });
    readSession()
      .then((session) => {
        setCsrfToken(session.csrf_token);
        setPhase({ kind: 'signed-in', session });
      })
      .catch(() => setPhase({ kind: 'signed-out', expired: false }));
  }, []);

  const state = phase.kind === 'signed-in' ? sessionState(phase.session) : null;
  const signedIn = (session: Session) => {
    setCsrfToken(session.csrf_token);
    setPhase({ kind: 'signed-in', session });
  };
  const leave = async () => {
    try {
      await signOut();
    } finally {
      setCsrfToken(null);
      setPhase({ kind: 'signed-out', expired: false });
    }
  };
  return (
    <I18nContext.Provider value={i18n}>
      <a class="skip" href="#main">
        {i18n.t('app.skip')}
      </a>
      {phase.kind === 'loading' && <p role="status">{i18n.t('common.loading')}</p>}
      {phase.kind === 'signed-out' && (
        <>
          <header class="signed-out-top">
            <LanguageSwitch />
          </header>
          <SignIn expired={phase.expired} onSignedIn={signedIn} />
        </>
      )}
      {state?.session.user.must_change_password && (
        <>
          <header class="signed-out-top">
            <LanguageSwitch />
          </header>
          <ChangePassword email={state.session.user.email} onChanged={signedIn} onSignOut={leave} />
        </>
      )}
      {state && !state.session.user.must_change_password && (
        <SessionContext.Provider value={state}>
          <Shell route={route} onSignOut={leave} />
        </SessionContext.Provider>
      )}
    </I18nContext.Provider>
  );
}

function LanguageSwitch() {
  const { t, locale, setLocale } = useI18n();
  return (
    <div class="language">
      <label for="language">{t('nav.language')}</label>
      <select id="language" value={locale} onChange={(e) => setLocale((e.target as HTMLSelectElement).value as Locale)}>
        <option value="ja">日本語</option>
        <option value="en">English</option>
      </select>
    </div>
  );
}

function Shell({ route, onSignOut }: { route: Route; onSignOut(): void }) {
  const { t } = useI18n();
  const { session } = useSession();
  const links: Array<{ route: Route; text: string }> = [
    { route: { page: 'overview' }, text: t('nav.overview') },
    { route: { page: 'transactions' }, text: t('nav.transactions') },
    { route: { page: 'reconciliation' }, text: t('nav.reconciliation') },
    { route: { page: 'connections' }, text: t('nav.connections') },
    { route: { page: 'webhooks' }, text: t('nav.webhooks') },
    { route: { page: 'api-keys' }, text: t('nav.apiKeys') },
    // The team and the audit trail are an admin's: the API refuses them to a viewer.
    ...(session.user.role === 'admin'
      ? [
          { route: { page: 'team' } as Route, text: t('nav.team') },
          { route: { page: 'audit' } as Route, text: t('nav.audit') },
        ]
      : []),
  ];
  const current =
    route.page === 'transaction' ? 'transactions' : route.page === 'reconciliation-run' ? 'reconciliation' : route.page;
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: delegates clicks on the links inside to the router
    // biome-ignore lint/a11y/useKeyWithClickEvents: links are activated by Enter as clicks already
    <div class="shell" onClick={onLinkClick}>
      <header class="top">
        <span class="brand">Kessai</span>
        <nav aria-label={t('nav.label')}>
          <ul>
            {links.map((link) => (
              <li key={link.route.page}>
                <a href={href(link.route)} aria-current={link.route.page === current ? 'page' : undefined}>
                  {link.text}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div class="who">
          <span>{t('nav.signedInAs', { email: session.user.email, role: t(`role.${session.user.role}`) })}</span>
          <LanguageSwitch />
          <button type="button" onClick={onSignOut}>
            {t('nav.signOut')}
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {route.page === 'overview' && <OverviewPage />}
        {route.page === 'transactions' && <TransactionsPage />}
        {route.page === 'transaction' && <TransactionPage id={route.id} />}
        {route.page === 'connections' && <ConnectionsPage />}
        {route.page === 'webhooks' && <WebhooksPage />}
        {route.page === 'api-keys' && <ApiKeysPage />}
        {route.page === 'team' && <TeamPage />}
        {route.page === 'audit' && <AuditPage />}
        {route.page === 'reconciliation' && <ReconciliationPage />}
        {route.page === 'reconciliation-run' && <ReconciliationRunPage id={route.id} />}
      </main>
    </div>
  );
}
