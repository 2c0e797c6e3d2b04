"use client";

import { createContext, useContext, useEffect, useMemo, type ReactNode } from "react";
import { createFormatter, type FormatSettings, type Formatter } from "@/lib/format";
import { VIEWER_ZONE_COOKIE } from "@/lib/format/viewer-zone";

const FormatContext = createContext<Formatter | null>(null);

/**
 * Gives client components the organisation's formatter. The server rendered the page knowing the
 * viewer's zone from a cookie; this keeps that cookie current, so times say their zone only when
 * the viewer is somewhere else.
 */
export function FormatProvider({
  settings,
  viewerTimeZone,
  children,
}: {
  settings: FormatSettings;
  viewerTimeZone?: string;
  children: ReactNode;
}) {
  const format = useMemo(() => createFormatter(settings, { viewerTimeZone }), [settings, viewerTimeZone]);
  useEffect(() => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone && zone !== viewerTimeZone) {
      document.cookie = `${VIEWER_ZONE_COOKIE}=${encodeURIComponent(zone)}; path=/; max-age=31536000; samesite=lax`;
    }
  }, [viewerTimeZone]);
  return <FormatContext.Provider value={format}>{children}</FormatContext.Provider>;
}

export function useFormat(): Formatter {
  const format = useContext(FormatContext);
  if (!format) throw new Error("useFormat() needs a <FormatProvider> above it (the app layout has one).");
  return format;
}
