// V8 options the server runs with (`npm start`) and the benches of its background work use, so
// they measure what runs. A burst of runs allocates about 1 MB per customer, nearly all of it
// dead within a call: a young generation of 64 MB semi-spaces (Node 20's default is 16) collects
// it four times less often and promotes less of it. bench:playbooks (PostgreSQL, 10,000,
// alternating, 2026-12-07): 40.5, 40.1 and 38.0 s with it against 42.0, 46.7 and 41.1 s without.
export const SERVER_NODE_OPTIONS = "--max-semi-space-size=64";

/** NODE_OPTIONS with the server's options added (those already set are kept). */
export function withServerNodeOptions(current = process.env.NODE_OPTIONS ?? "") {
  return current.includes("--max-semi-space-size") ? current : `${current} ${SERVER_NODE_OPTIONS}`.trim();
}
