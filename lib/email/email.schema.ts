import { z } from "zod";
import { EMAIL_CATEGORIES } from "./types";
import { bodyError } from "./body";
import { tokenError } from "./tokens";

/** Shared by the Settings → Email forms and lib/email. No database or UI imports. */
const slug = z
  .string()
  .trim()
  .max(60, "Keep the key under 60 characters")
  .regex(/^[a-z0-9][a-z0-9_-]*$/, "Use lower-case letters, digits, - and _ (for example spring-offers)");

export const topicSchema = z.object({
  key: slug,
  name: z.string().trim().min(1, "Give the topic a name").max(80, "Keep the name under 80 characters"),
  description: z.string().trim().max(300, "Keep the description under 300 characters").default(""),
});
export const topicUpdateSchema = topicSchema.omit({ key: true });

export const templateSchema = z
  .object({
    key: z.union([slug, z.literal("")]).optional(),
    name: z.string().trim().min(1, "Give the template a name").max(120, "Keep the name under 120 characters"),
    subject: z.string().trim().min(1, "Write a subject").max(200, "Keep the subject under 200 characters"),
    body: z.string().min(1, "Write the message").max(20_000, "Keep the message under 20,000 characters"),
    category: z.enum(EMAIL_CATEGORIES, "Choose transactional or marketing"),
    topicKey: z.string().trim().nullish(),
  })
  .superRefine((v, c) => {
    const subjectProblem = tokenError(v.subject);
    if (subjectProblem) c.addIssue({ code: "custom", path: ["subject"], message: subjectProblem });
    const bodyProblem = bodyError(v.body);
    if (bodyProblem) c.addIssue({ code: "custom", path: ["body"], message: bodyProblem });
    if (v.category === "marketing" && !v.topicKey)
      c.addIssue({
        code: "custom",
        path: ["topicKey"],
        message: "Marketing email needs a topic, so people can opt out of just that",
      });
  });
export type TemplateInput = z.input<typeof templateSchema>;
