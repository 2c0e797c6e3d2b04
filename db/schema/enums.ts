import { pgEnum } from "drizzle-orm/pg-core";
import { ROLES } from "@/lib/auth/roles";
import { LIFECYCLE_STAGES } from "@/lib/customers/lifecycle";
import { EMAIL_CATEGORIES, MESSAGE_STATUSES, SOURCE_TYPES } from "@/lib/email/types";
import {
  CONSENT_STATUSES,
  CONTACT_METHODS,
  DIRECTIONS,
  IMPORT_MODES,
  IMPORT_STATUSES,
  INTERACTION_TYPES,
} from "@/lib/customers/constants";

export const roleEnum = pgEnum("role", ROLES);
export const lifecycleStageEnum = pgEnum("lifecycle_stage", LIFECYCLE_STAGES);
export const contactMethodEnum = pgEnum("contact_method", CONTACT_METHODS);
export const consentStatusEnum = pgEnum("consent_status", CONSENT_STATUSES);
export const interactionTypeEnum = pgEnum("interaction_type", INTERACTION_TYPES);
export const directionEnum = pgEnum("interaction_direction", DIRECTIONS);
export const importStatusEnum = pgEnum("import_status", IMPORT_STATUSES);
export const importModeEnum = pgEnum("import_mode", IMPORT_MODES);
export const emailCategoryEnum = pgEnum("email_category", EMAIL_CATEGORIES);
export const emailStatusEnum = pgEnum("email_status", MESSAGE_STATUSES);
export const emailSourceEnum = pgEnum("email_source", SOURCE_TYPES);
