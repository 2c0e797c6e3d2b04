import { pgEnum } from "drizzle-orm/pg-core";
import { ROLES } from "@/lib/auth/roles";
import { LIFECYCLE_STAGES } from "@/lib/contacts/lifecycle";

export const roleEnum = pgEnum("role", ROLES);
export const lifecycleStageEnum = pgEnum("lifecycle_stage", LIFECYCLE_STAGES);
