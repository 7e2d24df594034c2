// A payment's money state and status as words; the colour only repeats what the words say.
import { yen } from '../format';
import { label, useI18n } from '../i18n';
import type { Money, MoneyState } from '../money-state';

export function MoneyBadge({ state }: { state: MoneyState }) {
  const { t } = useI18n();
  return (
    <span class={`money money-${state}`} data-money-state={state}>
      {label(t, 'money', state)}
    </span>
  );
}

/** A transaction's, capture's or refund's status in words (`cancelled` is the dashboard's, see `shownStatus`). */
export function StatusWord({ status }: { status: string }) {
  const { t } = useI18n();
  return (
    <span class={`status status-${status}`} data-status={status}>
      {label(t, 'status', status)}
    </span>
  );
}

/** What is left to capture and to refund, each on its own line; ¥0 when neither is. */
export function Remaining({ money, currency }: { money: Money; currency: string }) {
  const { t } = useI18n();
  const lines = [
    money.capturable ? t('tx.toCapture', { amount: yen(money.capturable, currency) }) : null,
    money.refundable ? t('tx.toRefund', { amount: yen(money.refundable, currency) }) : null,
  ].filter((line): line is string => line !== null);
  if (lines.length === 0) return <span data-remaining="none">{yen(0, currency)}</span>;
  return (
    <span data-remaining>
      {lines.map((line) => (
        <span key={line} class="remaining-line">
          {line}
        </span>
      ))}
    </span>
  );
}
