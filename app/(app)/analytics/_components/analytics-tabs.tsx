"use client";

import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";

const TABS = [
  { href: "/analytics", label: "Email" },
  { href: "/analytics/playbooks", label: "Playbooks" },
  { href: "/analytics/pipeline", label: "Pipeline" },
  { href: "/analytics/customers", label: "Customers" },
];

/** Switching area keeps the range: the search params travel with the link. */
export function AnalyticsTabs() {
  const pathname = usePathname();
  const search = useSearchParams().toString();
  return (
    <nav aria-label="Analytics" className="mb-4 flex gap-1 border-b border-slate-200">
      {TABS.map((t) => {
        const current = pathname === t.href;
        return (
          <Link
            key={t.href}
            href={search ? `${t.href}?${search}` : t.href}
            // Every range change would prefetch every tab's whole page of queries again.
            prefetch={false}
            aria-current={current ? "page" : undefined}
            className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${
              current ? "border-brand-600 text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900"
            }`}
          >
            {t.label}
          </Link>
        );
      })}
    </nav>
  );
}
