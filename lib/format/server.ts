import "server-only";
import { cache } from "react";
import { cookies } from "next/headers";
import { requireSession } from "@/lib/auth/session";
import { createFormatter, type FormatSettings, type Formatter } from "./formatter";
import { VIEWER_ZONE_COOKIE } from "./viewer-zone";

/** The viewer's own time zone, as their browser last reported it (undefined on a first visit). */
export async function viewerTimeZone(): Promise<string | undefined> {
  const value = (await cookies()).get(VIEWER_ZONE_COOKIE)?.value;
  return value ? decodeURIComponent(value) : undefined;
}

/** The formatter for server components: the organisation's settings, seen from the viewer's zone. */
export async function serverFormatter(org: FormatSettings): Promise<Formatter> {
  return createFormatter(org, { viewerTimeZone: await viewerTimeZone() });
}

/** The signed-in organisation's formatter, for server pages (one per request). */
export const pageFormatter = cache(async (): Promise<Formatter> => {
  const { org } = await requireSession();
  return serverFormatter(org);
});
