import { emailConfig } from "../config";
import { localTransport } from "./local";
import { resendTransport } from "./resend";
import type { Transport } from "./types";

let cached: { key: string; transport: Transport } | undefined;

/** Resend when RESEND_API_KEY is set, otherwise the local outbox. */
export function getTransport(): Transport {
  const cfg = emailConfig();
  if (cfg.mode === "local") return localTransport;
  const key = `${cfg.apiKey}|${cfg.baseUrl ?? ""}`;
  if (cached?.key !== key) cached = { key, transport: resendTransport(cfg.apiKey!, cfg.baseUrl) };
  return cached.transport;
}

export type { OutgoingEmail, SendOutcome, Transport } from "./types";
