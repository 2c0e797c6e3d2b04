import type { Metadata } from "next";
import { loadAnalyticsView, type AnalyticsSearch } from "../_components/load-analytics";
import { PipelineAnalytics } from "./pipeline-analytics";

export const metadata: Metadata = { title: "Analytics · Pipeline" };

export default async function PipelineAnalyticsPage({ searchParams }: { searchParams: AnalyticsSearch }) {
  return <PipelineAnalytics initial={await loadAnalyticsView("pipeline", searchParams)} />;
}
