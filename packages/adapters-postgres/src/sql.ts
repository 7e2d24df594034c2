// The text of statements the adapters send, for tools that send the same SQL from a raw client (the benchmarks'
// baselines) or seed rows in bulk; not needed to run Kessai.
export { FILL_TRANSACTION_ACTIVITY_SQL } from './migrations/017-transaction-activity';
export {
  IDEMPOTENCY_BEGIN_SQL,
  IDEMPOTENCY_COMPLETE_SQL,
  keepAnswerSql,
  takeKeySql,
} from './repositories/knex-idempotency-store';
export { TRANSACTION_SUMMARY_SQL } from './repositories/transaction-reads';
