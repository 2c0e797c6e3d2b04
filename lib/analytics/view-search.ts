/** The search parameters an analytics page reads, in one order: the page's cache key and the server's input. */
export const VIEW_PARAMS = ["range", "from", "to", "compare", "dating", "playbook"] as const;
export type ViewParam = (typeof VIEW_PARAMS)[number];
export type ViewSearch = Record<ViewParam, string | null>;

type ParamSource = { get(name: string): string | null };

/** The page's own parameters of a URL's search, canonical (fixed order, unknown ones dropped). */
export function viewSearch(params: ParamSource): string {
  const out = new URLSearchParams();
  for (const name of VIEW_PARAMS) {
    const value = params.get(name);
    if (value !== null && value !== "") out.set(name, value);
  }
  return out.toString();
}

export function parseViewSearch(search: string): ViewSearch {
  const params = new URLSearchParams(search);
  return Object.fromEntries(VIEW_PARAMS.map((name) => [name, params.get(name) || null])) as ViewSearch;
}

/** Next's page props as the same source (a repeated parameter counts by its first value). */
export function searchFromRecord(record: Record<string, string | string[] | undefined>): ParamSource {
  return {
    get: (name) => {
      const v = record[name];
      return (Array.isArray(v) ? v[0] : v) ?? null;
    },
  };
}
