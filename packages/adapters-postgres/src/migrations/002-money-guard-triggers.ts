import type { Knex } from 'knex';

/**
 * The database's own guard on the money, independent of any application code: at commit, the captures and
 * refunds of a transaction are summed from their rows (not from cached totals, which the application computes)
 * and a commit that would leave an over-capture or an over-refund is refused (SQLSTATE 23514). The trigger
 * locks the transaction row first, so two writers that both skip Kessai's own lock still check one at a time.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE FUNCTION kessai_money_guard() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      ceiling integer;
      reserved bigint;
      captured bigint;
      refunding bigint;
    BEGIN
      SELECT amount INTO ceiling FROM transactions WHERE id = NEW.transaction_id FOR UPDATE;
      SELECT COALESCE(SUM(amount) FILTER (WHERE status IN ('pending', 'succeeded')), 0),
             COALESCE(SUM(amount) FILTER (WHERE status = 'succeeded'), 0)
        INTO reserved, captured FROM captures WHERE transaction_id = NEW.transaction_id;
      SELECT COALESCE(SUM(amount) FILTER (WHERE status IN ('processing', 'succeeded')), 0)
        INTO refunding FROM refunds WHERE transaction_id = NEW.transaction_id;
      IF reserved > ceiling THEN
        RAISE EXCEPTION 'over-capture refused: % reserved on transaction % of %', reserved, NEW.transaction_id, ceiling
          USING ERRCODE = '23514', CONSTRAINT = 'kessai_no_over_capture';
      END IF;
      IF refunding > captured THEN
        RAISE EXCEPTION 'over-refund refused: % refunded on transaction % with % captured', refunding, NEW.transaction_id, captured
          USING ERRCODE = '23514', CONSTRAINT = 'kessai_no_over_refund';
      END IF;
      RETURN NULL;
    END $$;
    CREATE CONSTRAINT TRIGGER captures_money_guard AFTER INSERT OR UPDATE ON captures
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION kessai_money_guard();
    CREATE CONSTRAINT TRIGGER refunds_money_guard AFTER INSERT OR UPDATE ON refunds
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION kessai_money_guard();
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP TRIGGER IF EXISTS refunds_money_guard ON refunds;
    DROP TRIGGER IF EXISTS captures_money_guard ON captures;
    DROP FUNCTION IF EXISTS kessai_money_guard();
  `);
}
