import type { DbOrTx } from "./client";

/**
 * A query built once per database handle and then executed with placeholders: for the hottest
 * queries (a playbook run's plan, the executor's bookkeeping), drizzle's query building costs
 * more than the database does. Transactions are handles of their own and build it again.
 */
export function preparedPerDb<P>(build: (db: DbOrTx) => P): (db: DbOrTx) => P {
  const byDb = new WeakMap<object, P>();
  return (db) => {
    let prepared = byDb.get(db);
    if (!prepared) {
      prepared = build(db);
      byDb.set(db, prepared);
    }
    return prepared;
  };
}
