// What was done in this merchant account's dashboard, newest first: sign-ins, API keys and the team's changes.
import { useState } from 'preact/hooks';
import { type Page, request } from '../api';
import { dateTime } from '../format';
import { useI18n } from '../i18n';
import type { AuditEntry } from '../resources-team';
import { useSession } from '../session';
import { CursorPager, ErrorBanner } from '../ui/widgets';
import { useResource } from '../use-resource';

const readAudit = (cursor: string | null) =>
  request<Page<AuditEntry>>('GET', '/dashboard/api/audit', { query: { cursor: cursor ?? undefined } });

const KNOWN = new Set([
  'dashboard.signed_in',
  'dashboard_user.invited',
  'dashboard_user.role_changed',
  'dashboard_user.deactivated',
  'api_key.created',
  'api_key.renamed',
  'api_key.revoked',
]);

export function AuditPage() {
  const { t, locale } = useI18n();
  const { timeZone } = useSession();
  const [cursor, setCursor] = useState<string | null>(null);
  const { data: page, error } = useResource(() => readAudit(cursor), [cursor], { every: 30_000 });
  const what = (entry: AuditEntry) =>
    KNOWN.has(entry.action) ? t(`audit.action.${entry.action}` as 'audit.action.dashboard.signed_in') : entry.action;
  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">{t('audit.title')}</h1>
      <p>{t('audit.intro')}</p>
      <ErrorBanner failure={error} />
      {page && page.items.length === 0 && <p>{t('audit.none')}</p>}
      {page && page.items.length > 0 && (
        <div class="table-wrap">
          <table class="cards">
            <caption>{t('audit.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('audit.when')}</th>
                <th scope="col">{t('audit.who')}</th>
                <th scope="col">{t('audit.what')}</th>
                <th scope="col">{t('audit.target')}</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((entry) => (
                <tr key={entry.id} data-audit-id={entry.id}>
                  <td data-label={t('audit.when')}>{dateTime(entry.at, timeZone, locale)}</td>
                  <td data-label={t('audit.who')} class="audit-text">
                    {entry.actor.email}
                  </td>
                  <td data-label={t('audit.what')}>
                    {what(entry)}
                    {entry.detail &&
                      ` (${entry.detail === 'admin' || entry.detail === 'viewer' ? t(`role.${entry.detail}`) : entry.detail})`}
                  </td>
                  <td data-label={t('audit.target')} class="audit-text">
                    {entry.target}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <CursorPager page={page} label={t('audit.title')} go={setCursor} />
    </section>
  );
}
