import type { PGlite } from "@electric-sql/pglite";

const PARSE = 0x50; // "P": a statement of the extended protocol (drizzle's queries)
const QUERY = 0x51; // "Q": a simple query (exec, BEGIN and COMMIT)

/**
 * The embedded database runs each statement on this thread and holds the event loop until it
 * ends, and its statements follow one another through promises alone: a transaction's statements
 * run back to back, and a timer due meanwhile (a provider's rate-limit slot opening) or the
 * provider's answer waits for all of them. A bulk send then leaves late, and a request's time in
 * the slot counts against the provider's limit all the same. Before each statement, the loop gets
 * a turn; a statement itself is not cut (keep the large ones in chunks: lib/email/prepare.ts).
 */
export function withTurnsBetweenStatements(client: PGlite): PGlite {
  const exec = client.execProtocolStream.bind(client);
  client.execProtocolStream = async (message, options) => {
    if (message[0] === PARSE || message[0] === QUERY) await new Promise((resolve) => setImmediate(resolve));
    return exec(message, options);
  };
  return client;
}
