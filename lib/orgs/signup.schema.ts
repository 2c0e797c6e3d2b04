import { z } from "zod";
import { emailSchema, passwordSchema, personNameSchema } from "../team/team.schema";

export const signupSchema = z.object({
  orgName: z.string().trim().min(1, "Enter your business's name").max(100, "Keep the name under 100 characters"),
  name: personNameSchema,
  email: emailSchema,
  password: passwordSchema,
});
export type SignupInput = z.input<typeof signupSchema>;
