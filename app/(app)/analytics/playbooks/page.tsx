import { forbidden } from "next/navigation";
import type { Metadata } from "next";
import { loadAnalyticsView, type AnalyticsSearch } from "../_components/load-analytics";
import { PlaybookAnalytics } from "./playbook-analytics";

export const metadata: Metadata = { title: "Analytics · Playbooks" };

export default async function PlaybookAnalyticsPage({ searchParams }: { searchParams: AnalyticsSearch }) {
  const initial = await loadAnalyticsView("playbooks", searchParams);
  if (!initial) forbidden();
  return <PlaybookAnalytics initial={initial} />;
}
