/** db.execute hands back `{ rows }` on PGlite and the rows themselves on postgres-js. */
export function rowsOf<T>(result: unknown): T[] {
  const r = result as { rows?: T[] } & T[];
  return r.rows ?? r;
}
