import { CANCELLED_ERROR_CODE, HOLDING_STATUSES, type MoneyState } from '@kessai/domain';

// The domain's `moneyStateOf` written over a transaction row's columns, so that counting by money state is one
// GROUP BY. Same order of questions as the domain's rule; the TransactionAnalytics contract suite holds them equal.

const quoted = (text: string) => `'${text.replace(/'/g, "''")}'`;
const state = (name: MoneyState) => quoted(name);

export const MONEY_STATE_SQL = `CASE
  WHEN status = 'authorization_failed' AND (canceled_at IS NOT NULL OR error_code = ${quoted(CANCELLED_ERROR_CODE)})
    THEN ${state('cancelled')}
  WHEN status IN ('authorization_failed', 'authorization_declined') THEN ${state('failed')}
  WHEN status = 'authorization_voided' THEN ${state('voided')}
  WHEN status NOT IN (${HOLDING_STATUSES.map(quoted).join(', ')}) THEN ${state('pending')}
  WHEN refunded_amount > 0 AND refunded_amount >= captured_amount THEN ${state('refunded')}
  WHEN refunded_amount > 0 THEN ${state('partially_refunded')}
  WHEN captured_amount = 0 THEN ${state('uncaptured')}
  WHEN captured_amount < authorized_amount THEN ${state('partially_captured')}
  ELSE ${state('captured')}
END`;
