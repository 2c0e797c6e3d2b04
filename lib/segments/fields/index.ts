import type { FieldDef } from "./types";
import { contactFields } from "./contacts";
import { pipelineFields } from "./pipeline";
import { interactionFields } from "./interactions";
import { emailFields } from "./email";
import { playbookFields } from "./playbooks";

/**
 * Every field a segment can use, from every domain. A domain adds its fields in one file
 * (see contacts.ts) and one line here; the compiler, validation, explain, refresh triggers and
 * the builder's field picker all read this list.
 */
export const FIELD_SOURCES: readonly (readonly FieldDef[])[] = [
  contactFields,
  pipelineFields,
  interactionFields,
  emailFields,
  playbookFields,
];
