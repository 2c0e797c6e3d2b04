import type { InngestFunction } from "inngest";
import { importContacts } from "./import-contacts";

/** Every function served at /api/inngest. Each domain appends its own. */
export const functions: InngestFunction.Any[] = [importContacts];
