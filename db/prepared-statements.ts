import type { ReservedSql, Sql } from "postgres";

type Unsafe = Sql["unsafe"];

/**
 * Drizzle runs its queries through postgres.js as unnamed statements (`prepare: false`), and
 * postgres.js sends an unnamed statement with parameters in two round trips: Parse and Describe,
 * a wait for the parameter types, then Bind and Execute — and nothing else is pipelined on that
 * connection meanwhile. Named statements are described once per connection and then cost one
 * round trip. DATABASE_PREPARE=false keeps drizzle's behaviour (behind a pooler in transaction
 * mode, such as PgBouncer, named statements do not survive).
 */
export function withPreparedStatements<T extends Sql | ReservedSql>(client: T): T {
  const unsafe: Unsafe = (query, parameters, options) =>
    client.unsafe(query, parameters, { ...options, prepare: true });
  return new Proxy(client, {
    get: (target, property, receiver) => {
      if (property === "unsafe") return unsafe;
      if (property === "reserve") return async () => withPreparedStatements(await (target as Sql).reserve());
      return Reflect.get(target, property, receiver);
    },
  });
}
