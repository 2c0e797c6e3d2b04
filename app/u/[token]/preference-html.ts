import { escapeHtml as e } from "@/lib/email/tokens";
import type { Preferences } from "@/lib/email/unsubscribe";

const STYLE = `body{font-family:-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;background:#f6f7f9;color:#1f2937;margin:0;padding:32px 16px}
main{max-width:520px;margin:0 auto;background:#fff;border-radius:10px;padding:28px 32px;box-shadow:0 1px 3px rgba(0,0,0,.08)}
h1{font-size:20px;margin:0 0 8px}p{line-height:1.5;margin:0 0 16px}.muted{color:#6b7280;font-size:14px}
.notice{background:#ecfdf5;border:1px solid #a7f3d0;color:#065f46;padding:10px 12px;border-radius:8px;margin-bottom:16px}
form{margin:0 0 12px}button{font:inherit;border-radius:8px;padding:9px 14px;cursor:pointer;border:1px solid #d1d5db;background:#fff}
button.primary{background:#111827;color:#fff;border-color:#111827}button:focus-visible{outline:3px solid #2563eb;outline-offset:2px}
ul{list-style:none;padding:0;margin:0 0 16px}li{display:flex;justify-content:space-between;align-items:center;gap:12px;padding:10px 0;border-top:1px solid #e5e7eb}
li form{margin:0}.topic small{display:block;color:#6b7280}`;

function layout(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${e(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

const button = (action: string, label: string, extra = "", primary = false) =>
  `<form method="post"><input type="hidden" name="action" value="${e(action)}">${extra}<button type="submit"${primary ? ' class="primary"' : ""}>${e(label)}</button></form>`;

/** The preference page: confirm, per-topic choices, everything, resubscribe. A GET shows it and changes nothing. */
export function preferencePage(p: Preferences, notice: string | null): string {
  const current = p.topics.find((t) => t.key === p.topicKey);
  const parts = [
    `<h1>Email preferences</h1>`,
    `<p class="muted">For ${e(p.maskedEmail)} · emails from ${e(p.orgName)}</p>`,
  ];
  if (notice) parts.push(`<p class="notice" role="status">${e(notice)}</p>`);
  if (p.unsubscribedFromAll) {
    parts.push(
      `<p>You are unsubscribed from all marketing email from ${e(p.orgName)}. You still get receipts and other messages about your own orders.</p>`,
    );
    parts.push(button("resubscribe_all", "Resubscribe to marketing email", "", true));
    return layout("Email preferences", parts.join(""));
  }
  if (current?.subscribed) {
    parts.push(`<p>Do you want to stop getting <strong>${e(current.name)}</strong> emails?</p>`);
    parts.push(
      button(
        "unsubscribe_topic",
        `Unsubscribe from ${current.name}`,
        `<input type="hidden" name="topic" value="${e(current.key)}">`,
        true,
      ),
    );
  }
  parts.push(`<h2 style="font-size:16px;margin:20px 0 4px">Topics</h2><ul>`);
  for (const t of p.topics) {
    const hidden = `<input type="hidden" name="topic" value="${e(t.key)}">`;
    const control = t.subscribed
      ? button("unsubscribe_topic", "Unsubscribe", hidden)
      : button("resubscribe_topic", "Resubscribe", hidden);
    parts.push(
      `<li><span class="topic">${e(t.name)} — ${t.subscribed ? "subscribed" : "unsubscribed"}${t.description ? `<small>${e(t.description)}</small>` : ""}</span>${control}</li>`,
    );
  }
  parts.push(`</ul>`);
  parts.push(button("unsubscribe_all", "Unsubscribe from everything"));
  return layout("Email preferences", parts.join(""));
}

export function invalidLinkPage(): string {
  return layout(
    "Link not valid",
    `<h1>This link is not valid</h1><p>It may have been copied incompletely. Nothing was changed. Use the link in the email again, or reply to the email to be removed.</p>`,
  );
}
