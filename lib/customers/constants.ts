/** Enum values shared by the database schema, zod schemas and the UI. */
export const CONTACT_METHODS = ["email", "sms", "whatsapp", "phone"] as const;
export type ContactMethod = (typeof CONTACT_METHODS)[number];
export const CONTACT_METHOD_LABELS: Record<ContactMethod, string> = {
  email: "Email",
  sms: "SMS",
  whatsapp: "WhatsApp",
  phone: "Phone",
};

/** Marketing consent as a status; per-topic opt-outs belong to the email domain. */
export const CONSENT_STATUSES = ["unknown", "subscribed", "unsubscribed"] as const;
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];
export const CONSENT_LABELS: Record<ConsentStatus, string> = {
  unknown: "Not asked",
  subscribed: "Subscribed",
  unsubscribed: "Unsubscribed",
};

export const INTERACTION_TYPES = ["call", "email", "chat", "visit", "sms", "whatsapp", "purchase"] as const;
export type InteractionType = (typeof INTERACTION_TYPES)[number];
export const INTERACTION_LABELS: Record<InteractionType, string> = {
  call: "Call",
  email: "Email",
  chat: "Chat",
  visit: "Visit",
  sms: "SMS",
  whatsapp: "WhatsApp",
  purchase: "Purchase",
};

export const DIRECTIONS = ["inbound", "outbound"] as const;
export type Direction = (typeof DIRECTIONS)[number];

export const IMPORT_STATUSES = ["pending", "running", "completed", "failed"] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];
export const IMPORT_MODES = ["update", "skip"] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];
