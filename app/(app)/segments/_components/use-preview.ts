"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { CriteriaGroup } from "@/lib/segments/criteria.schema";
import type { SampleMember } from "@/lib/segments/query";

export type PreviewResult =
  | { ok: true; count: number; sample: SampleMember[] }
  | { ok: false; error: string; fieldErrors?: Record<string, string> };

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return debounced;
}

/**
 * The live count: criteria are sent 400 ms after the last edit; a request for criteria that have
 * changed since is aborted (TanStack Query cancels the unused query through `signal`).
 */
export function usePreview(criteria: CriteriaGroup) {
  const key = useDebounced(JSON.stringify(criteria), 400);
  return useQuery({
    queryKey: ["segment-preview", key],
    queryFn: async ({ signal }): Promise<PreviewResult> => {
      const res = await fetch("/segments/preview", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: `{"criteria":${key}}`,
        signal,
      });
      if (!res.ok && res.status !== 200)
        return { ok: false, error: res.status === 401 ? "Please sign in again." : "Could not count right now." };
      return (await res.json()) as PreviewResult;
    },
    placeholderData: keepPreviousData,
    staleTime: 5_000,
  });
}
