import type { Metadata } from "next";
import { loadAnalyticsView, type AnalyticsSearch } from "../_components/load-analytics";
import { CustomerAnalytics } from "./customer-analytics";

export const metadata: Metadata = { title: "Analytics · Customers" };

export default async function CustomerAnalyticsPage({ searchParams }: { searchParams: AnalyticsSearch }) {
  return <CustomerAnalytics initial={await loadAnalyticsView("customers", searchParams)} />;
}
