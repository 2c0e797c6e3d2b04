"use client";

import { useQuery } from "@tanstack/react-query";
import { unwrapAction } from "@/components/forms/action-feedback";
import { HistoryCard } from "@/components/history/history-card";
import { leadAuditHistoryAction } from "@/app/(app)/leads/actions";

/** The lead's audit entries (owners only: for others the action answers null and nothing shows). */
export function LeadAuditHistory({ id }: { id: string }) {
  const history = useQuery({
    queryKey: ["lead", id, "audit"],
    queryFn: () => unwrapAction(leadAuditHistoryAction({ id })),
  });
  if (!history.data) return null;
  return (
    <HistoryCard
      title="Audit history"
      entries={history.data}
      logHref={`/settings/audit?targetType=lead&targetId=${id}`}
    />
  );
}
