import type { Metadata } from "next";
import { loadAnalyticsView, type AnalyticsSearch } from "./_components/load-analytics";
import { EmailAnalytics } from "./email-analytics";

export const metadata: Metadata = { title: "Analytics · Email" };

export default async function EmailAnalyticsPage({ searchParams }: { searchParams: AnalyticsSearch }) {
  return <EmailAnalytics initial={await loadAnalyticsView("email", searchParams)} />;
}
