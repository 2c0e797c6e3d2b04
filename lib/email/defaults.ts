import type { EmailCategory } from "./types";

export const DEFAULT_TOPICS = [
  { key: "newsletters", name: "Newsletters", description: "News and stories, now and then." },
  { key: "promotions", name: "Promotions", description: "Offers and discount codes." },
  { key: "reminders", name: "Reminders", description: "Friendly reminders to come back or rebook." },
] as const;

type DefaultTemplate = {
  key: string;
  name: string;
  subject: string;
  body: string;
  category: EmailCategory;
  topicKey: string | null;
};

/** Starter templates an owner edits in Settings → Email; playbooks can refer to them by key. */
export const DEFAULT_TEMPLATES: readonly DefaultTemplate[] = [
  {
    key: "welcome",
    name: "Welcome",
    subject: 'Welcome to {{org.name}}, {{contact.first_name | "friend"}}',
    body: 'Hi {{contact.first_name | "there"}},\n\nThanks for choosing {{org.name}}. We are glad you are here.\n\nReply to this email if there is anything we can help with.',
    category: "marketing",
    topicKey: "newsletters",
  },
  {
    key: "win-back",
    name: "We miss you (discount)",
    subject: '{{contact.first_name | "Hello"}}, here is {{discount.amount | "a little something"}} off',
    body: 'Hi {{contact.first_name | "there"}},\n\nIt has been a while. Use the code {{discount.code | "WELCOME-BACK"}} for {{discount.amount | "a discount"}} on your next visit.\nThe code is valid until {{discount.expires_at | "the end of the month"}}.\n\nSee you soon at {{org.name}}.',
    category: "marketing",
    topicKey: "promotions",
  },
  {
    key: "visit-reminder",
    name: "Visit reminder",
    subject: 'Time for your next visit, {{contact.first_name | "friend"}}?',
    body: 'Hi {{contact.first_name | "there"}},\n\nIt is about time for your next visit to {{org.name}}. We would love to see you again.',
    category: "marketing",
    topicKey: "reminders",
  },
  {
    key: "receipt",
    name: "Thank you for your purchase",
    subject: 'Thank you, {{contact.first_name | "friend"}}',
    body: 'Hi {{contact.first_name | "there"}},\n\nThank you for your purchase at {{org.name}}.',
    category: "transactional",
    topicKey: null,
  },
];
