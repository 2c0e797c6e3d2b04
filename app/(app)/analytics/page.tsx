import { forbidden } from "next/navigation";
import type { Metadata } from "next";
import { loadAnalyticsView, type AnalyticsSearch } from "./_components/load-analytics";
import { EmailAnalytics } from "./email-analytics";

export const metadata: Metadata = { title: "Analytics · Email" };

export default async function EmailAnalyticsPage({ searchParams }: { searchParams: AnalyticsSearch }) {
  const initial = await loadAnalyticsView("email", searchParams);
  if (!initial) forbidden();
  return <EmailAnalytics initial={initial} />;
}
