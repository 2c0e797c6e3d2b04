import { forbidden } from "next/navigation";
import type { Metadata } from "next";
import { loadAnalyticsView, type AnalyticsSearch } from "../_components/load-analytics";
import { CustomerAnalytics } from "./customer-analytics";

export const metadata: Metadata = { title: "Analytics · Customers" };

export default async function CustomerAnalyticsPage({ searchParams }: { searchParams: AnalyticsSearch }) {
  const initial = await loadAnalyticsView("customers", searchParams);
  if (!initial) forbidden();
  return <CustomerAnalytics initial={initial} />;
}
