import type { ReactNode } from "react";
import { QueryProvider } from "@/components/providers/query-provider";

/** One query cache for every analytics page: a range read on one tab stays read when coming back. */
export default function AnalyticsLayout({ children }: { children: ReactNode }) {
  return <QueryProvider>{children}</QueryProvider>;
}
