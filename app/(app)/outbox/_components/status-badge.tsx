import { STATUS_LABELS, type MessageStatus } from "@/lib/email/types";

const TONES: Record<MessageStatus, string> = {
  queued: "bg-slate-100 text-slate-700",
  sent: "bg-sky-100 text-sky-800",
  delivered: "bg-emerald-100 text-emerald-800",
  opened: "bg-emerald-100 text-emerald-800",
  clicked: "bg-emerald-200 text-emerald-900",
  bounced: "bg-red-100 text-red-800",
  complained: "bg-red-100 text-red-800",
  failed: "bg-red-100 text-red-800",
  suppressed: "bg-amber-100 text-amber-800",
};

export function EmailStatusBadge({ status }: { status: MessageStatus }) {
  return (
    <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${TONES[status]}`}>{STATUS_LABELS[status]}</span>
  );
}
