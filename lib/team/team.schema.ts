import { z } from "zod";
import { ROLES } from "../auth/roles";

export const passwordSchema = z
  .string()
  .min(8, "Use at least 8 characters")
  .max(200, "Keep the password under 200 characters");

export const emailSchema = z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address"));

export const personNameSchema = z.string().trim().min(1, "Enter a name").max(100, "Keep the name under 100 characters");

export const roleSchema = z.enum(ROLES, { error: "Choose owner, rep or staff" });

export const addTeammateSchema = z.object({
  name: personNameSchema,
  email: emailSchema,
  role: roleSchema,
  password: passwordSchema,
});
export type AddTeammateInput = z.input<typeof addTeammateSchema>;

export const changeRoleSchema = z.object({ userId: z.uuid("Unknown teammate"), role: roleSchema });
export const setActiveSchema = z.object({ userId: z.uuid("Unknown teammate"), active: z.boolean() });
