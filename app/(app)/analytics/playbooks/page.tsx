import type { Metadata } from "next";
import { loadAnalyticsView, type AnalyticsSearch } from "../_components/load-analytics";
import { PlaybookAnalytics } from "./playbook-analytics";

export const metadata: Metadata = { title: "Analytics · Playbooks" };

export default async function PlaybookAnalyticsPage({ searchParams }: { searchParams: AnalyticsSearch }) {
  return <PlaybookAnalytics initial={await loadAnalyticsView("playbooks", searchParams)} />;
}
