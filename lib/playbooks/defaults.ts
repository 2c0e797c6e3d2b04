import type { EmailCategory } from "../email/types";
import type { ExitEvent } from "./playbook.schema";
import type { PlaybookTrigger } from "./constants";
import type { GraphNode } from "./graph.schema";

type Tpl = {
  key: string;
  name: string;
  subject: string;
  body: string;
  category: EmailCategory;
  topicKey: string | null;
};
type Step = Omit<GraphNode, "position" | "config" | "type"> &
  ({ type: "send_email"; template: Tpl } | Omit<GraphNode, "position">);
export type DefaultPlaybook = {
  key: string;
  name: string;
  description: string;
  trigger: PlaybookTrigger;
  marketing: boolean;
  exitEvents: ExitEvent[];
  steps: Step[];
};

const tpl = (
  key: string,
  name: string,
  subject: string,
  body: string,
  category: EmailCategory = "marketing",
  topicKey: string | null = "promotions",
): Tpl => ({ key: `pb_${key}`, name, subject, body, category, topicKey });
const send = (id: string, template: Tpl): Step => ({ id, type: "send_email", template });
const wait = (id: string, amount: number, unit: "hours" | "days"): Step =>
  ({ id, type: "wait", config: { amount, unit } }) as Step;
const discount = (id: string, value: number, validDays: number): Step =>
  ({ id, type: "create_discount", config: { kind: "percent", value, validDays, singleUse: true } }) as Step;
const notify = (id: string, title: string, body: string): Step =>
  ({ id, type: "notify_owner", config: { title, body, recipients: "contact_owner", email: true } }) as Step;
const sign = "\n\n— {{org.name}}";
const codeLine = "Use code {{discount.code}} for {{discount.amount}} off — valid until {{discount.expires_at}}.";

/** The six playbooks every organisation starts with (issue 5). Template keys are per org. */
export const DEFAULT_PLAYBOOKS: DefaultPlaybook[] = [
  {
    key: "payment_failed_rescue",
    name: "Payment failed rescue",
    description:
      "A failed payment: ask for updated details now, offer 20% off after a day, then hand over to the owner.",
    trigger: "crm/payment.failed",
    marketing: false,
    exitEvents: [{ event: "crm/payment.succeeded", converts: true }],
    steps: [
      send(
        "update-details",
        tpl(
          "payment_update",
          "Payment update required",
          "Payment update required",
          `Hi {{contact.first_name | "there"}},\n\nYour latest payment did not go through. Please update your payment details so nothing is interrupted.${sign}`,
          "transactional",
          null,
        ),
      ),
      wait("wait-24h", 24, "hours"),
      discount("code-20", 20, 7),
      send(
        "offer-20",
        tpl(
          "payment_offer",
          "Payment rescue offer",
          "20% off to keep you with us",
          `Hi {{contact.first_name | "there"}},\n\nWe'd love to keep you. ${codeLine}${sign}`,
        ),
      ),
      wait("wait-48h", 48, "hours"),
      notify(
        "owner-outreach",
        "Payment still failing: reach out to {{contact.full_name}}",
        "Two emails went out and the payment has not gone through yet. A personal call or note usually helps.",
      ),
    ],
  },
  {
    key: "trial_ending",
    name: "Trial ending",
    description: "Three days before the trial ends, a reminder; one day before, 15% off.",
    trigger: "crm/trial.ending",
    marketing: true,
    exitEvents: [{ event: "crm/payment.succeeded", converts: true }],
    steps: [
      send(
        "reminder",
        tpl(
          "trial_reminder",
          "Trial ending reminder",
          "Your trial ends in 3 days",
          `Hi {{contact.first_name | "there"}},\n\nYour trial ends in three days. Keep everything you set up by choosing a plan.${sign}`,
          "marketing",
          "reminders",
        ),
      ),
      wait("wait-2d", 2, "days"),
      discount("code-15", 15, 7),
      send(
        "offer-15",
        tpl(
          "trial_offer",
          "Trial ending offer",
          "15% off before your trial ends tomorrow",
          `Hi {{contact.first_name | "there"}},\n\nYour trial ends tomorrow. ${codeLine}${sign}`,
        ),
      ),
    ],
  },
  {
    key: "inactivity_nudge",
    name: "Inactivity nudge",
    description: "A customer has gone quiet: “We miss you” now, 10% off three days later.",
    trigger: "crm/contact.inactive",
    marketing: true,
    exitEvents: [{ event: "crm/contact.engaged", converts: false }],
    steps: [
      send(
        "miss-you",
        tpl(
          "miss_you",
          "We miss you",
          "We miss you",
          `Hi {{contact.first_name | "there"}},\n\nIt's been a while. Here's what's new since your last visit — we'd love to see you again.${sign}`,
          "marketing",
          "newsletters",
        ),
      ),
      wait("wait-3d", 3, "days"),
      discount("code-10", 10, 14),
      send(
        "offer-10",
        tpl(
          "miss_you_offer",
          "We miss you offer",
          "10% off your next visit",
          `Hi {{contact.first_name | "there"}},\n\nCome back soon: ${codeLine}${sign}`,
        ),
      ),
    ],
  },
  {
    key: "winback",
    name: "Win-back",
    description: "After a cancellation: ask for feedback a day later, then a 30% offer a week after.",
    trigger: "crm/subscription.cancelled",
    marketing: true,
    exitEvents: [{ event: "crm/payment.succeeded", converts: true }],
    steps: [
      wait("wait-24h", 24, "hours"),
      send(
        "feedback",
        tpl(
          "winback_feedback",
          "Win-back feedback",
          "Could you tell us what we could do better?",
          `Hi {{contact.first_name | "there"}},\n\nSorry to see you go. Would you reply and tell us what we could have done better?${sign}`,
          "marketing",
          "newsletters",
        ),
      ),
      wait("wait-7d", 7, "days"),
      discount("code-30", 30, 14),
      send(
        "offer-30",
        tpl(
          "winback_offer",
          "Win-back offer",
          "30% off if you come back",
          `Hi {{contact.first_name | "there"}},\n\nWe'd like another chance. ${codeLine}${sign}`,
        ),
      ),
    ],
  },
  {
    key: "milestone_congrats",
    name: "Milestone congratulations",
    description: "Celebrate a milestone now; a day later, invite them to refer a friend.",
    trigger: "crm/milestone.reached",
    marketing: true,
    exitEvents: [],
    steps: [
      send(
        "congrats",
        tpl(
          "milestone_congrats",
          "Milestone congratulations",
          'Congratulations, {{contact.first_name | "friend"}}!',
          `Hi {{contact.first_name | "there"}},\n\nYou've reached a milestone with us — thank you for being part of it.${sign}`,
          "marketing",
          "newsletters",
        ),
      ),
      wait("wait-24h", 24, "hours"),
      send(
        "refer",
        tpl(
          "refer_friend",
          "Refer a friend",
          "Know someone who'd like us too?",
          `Hi {{contact.first_name | "there"}},\n\nIf you know someone who'd enjoy us as much as you do, tell them about us — we'll look after them.${sign}`,
          "marketing",
          "promotions",
        ),
      ),
    ],
  },
  {
    key: "churn_risk",
    name: "Churn risk",
    description: "Engagement dropped: a support email now, the owner is told 48 hours later.",
    trigger: "crm/churn.risk",
    marketing: true,
    exitEvents: [{ event: "crm/contact.engaged", converts: false }],
    steps: [
      send(
        "support",
        tpl(
          "churn_support",
          "Churn risk support",
          "Can we help with anything?",
          `Hi {{contact.first_name | "there"}},\n\nWe noticed you haven't been around much. Is there anything we can help with? Just reply to this email.${sign}`,
          "marketing",
          "newsletters",
        ),
      ),
      wait("wait-48h", 48, "hours"),
      notify(
        "owner-check-in",
        "Churn risk: check in with {{contact.full_name}}",
        "Their engagement dropped and a support email went out two days ago.",
      ),
    ],
  },
];
