// An admin's team: who may sign in to this merchant account's dashboard, with which role. An invited user's
// password is shown here once (the API keeps only its hash); deactivating ends their sessions.
import { useState } from 'preact/hooks';
import { ApiFailure, request } from '../api';
import { dateTime } from '../format';
import { useI18n } from '../i18n';
import type { TeamMember } from '../resources-team';
import { useSession } from '../session';
import { Dialog } from '../ui/dialog';
import { CopyField, ErrorBanner, Field } from '../ui/widgets';
import { useResource } from '../use-resource';

const readTeam = () => request<{ items: TeamMember[] }>('GET', '/dashboard/api/team');

export function TeamPage() {
  const { t, locale } = useI18n();
  const { session, timeZone } = useSession();
  const { data, error: loadFailure, reload } = useResource(readTeam, [], { every: 30_000 });
  const [actionFailure, setActionFailure] = useState<Error | null>(null);
  const failure = actionFailure ?? loadFailure;
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<'admin' | 'viewer'>('viewer');
  const [busy, setBusy] = useState(false);
  const [invited, setInvited] = useState<TeamMember | null>(null);
  const [deactivating, setDeactivating] = useState<TeamMember | null>(null);
  const act = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setActionFailure(null);
    try {
      await work();
      await reload();
    } catch (error) {
      setActionFailure(error as Error);
    } finally {
      setBusy(false);
    }
  };
  const invite = (event: Event) => {
    event.preventDefault();
    return act(async () => {
      setInvited(await request<TeamMember>('POST', '/dashboard/api/team', { body: { email, role } }));
      setEmail('');
    });
  };
  const changeRole = (member: TeamMember, next: string) =>
    act(() => request('PATCH', `/dashboard/api/team/${encodeURIComponent(member.id)}`, { body: { role: next } }));
  const deactivate = () =>
    act(async () => {
      if (!deactivating) return;
      await request('POST', `/dashboard/api/team/${encodeURIComponent(deactivating.id)}/deactivate`);
      setDeactivating(null);
    });
  return (
    <section aria-labelledby="team-title">
      <h1 id="team-title">{t('team.title')}</h1>
      <p>{t('team.intro')}</p>
      <ErrorBanner failure={deactivating ? null : failure} fields={['email', 'role']} />
      <form class="card" onSubmit={invite} aria-label={t('team.invite')}>
        <Field
          label={t('team.email')}
          name="email"
          type="email"
          inputMode="email"
          value={email}
          onInput={setEmail}
          required
          error={failure instanceof ApiFailure ? failure.detailFor('email') : undefined}
        />
        <div class="field">
          <label for="invite-role">{t('team.role')}</label>
          <select
            id="invite-role"
            value={role}
            onChange={(e) => setRole((e.target as HTMLSelectElement).value as 'admin')}
          >
            <option value="viewer">{t('role.viewer')}</option>
            <option value="admin">{t('role.admin')}</option>
          </select>
        </div>
        <button type="submit" class="primary" disabled={busy}>
          {t('team.invite')}
        </button>
      </form>
      {invited?.one_time_password && (
        <div class="card team-invited" role="status">
          <p>{t('team.invited', { email: invited.email })}</p>
          <CopyField label={t('team.oneTimePassword')} value={invited.one_time_password} name="one-time-password" />
        </div>
      )}
      {data && (
        <div class="table-wrap">
          <table class="cards">
            <caption>{t('team.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('team.email')}</th>
                <th scope="col">{t('team.role')}</th>
                <th scope="col">{t('common.created')}</th>
                <th scope="col">{t('common.status')}</th>
                <th scope="col">{t('common.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((member) => {
                const active = member.deactivated_at === null;
                const me = member.id === session.user.id;
                return (
                  <tr key={member.id} data-user-id={member.id}>
                    <td data-label={t('team.email')}>{member.email}</td>
                    <td data-label={t('team.role')}>
                      {active ? (
                        <select
                          aria-label={t('team.roleOf', { email: member.email })}
                          value={member.role}
                          disabled={busy}
                          onChange={(e) => changeRole(member, (e.target as HTMLSelectElement).value)}
                        >
                          <option value="viewer">{t('role.viewer')}</option>
                          <option value="admin">{t('role.admin')}</option>
                        </select>
                      ) : (
                        t(`role.${member.role}`)
                      )}
                    </td>
                    <td data-label={t('common.created')}>{dateTime(member.created_at, timeZone, locale)}</td>
                    <td data-label={t('common.status')}>
                      {active
                        ? t('team.active')
                        : t('team.deactivatedOn', { when: dateTime(member.deactivated_at ?? '', timeZone, locale) })}
                    </td>
                    <td data-label={t('common.actions')}>
                      {active && !me && (
                        <button
                          type="button"
                          aria-label={t('team.deactivateLabel', { email: member.email })}
                          onClick={() => setDeactivating(member)}
                        >
                          {t('team.deactivate')}
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {deactivating && (
        <Dialog
          open
          busy={busy}
          title={t('team.deactivateLabel', { email: deactivating.email })}
          confirmLabel={t('team.deactivate')}
          onClose={() => {
            setDeactivating(null);
            setActionFailure(null);
          }}
          onConfirm={deactivate}
        >
          <ErrorBanner failure={failure} />
          <p>{t('team.deactivateBody')}</p>
        </Dialog>
      )}
    </section>
  );
}
