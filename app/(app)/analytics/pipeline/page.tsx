import { forbidden } from "next/navigation";
import type { Metadata } from "next";
import { loadAnalyticsView, type AnalyticsSearch } from "../_components/load-analytics";
import { PipelineAnalytics } from "./pipeline-analytics";

export const metadata: Metadata = { title: "Analytics · Pipeline" };

export default async function PipelineAnalyticsPage({ searchParams }: { searchParams: AnalyticsSearch }) {
  const initial = await loadAnalyticsView("pipeline", searchParams);
  if (!initial) forbidden();
  return <PipelineAnalytics initial={initial} />;
}
