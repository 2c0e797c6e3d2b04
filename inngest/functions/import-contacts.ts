import { getDb } from "@/db/client";
import { EVENT_SCHEMAS } from "@/lib/events/catalog";
import { runImport } from "@/lib/customers/import/run-import";
import { failImport } from "@/lib/customers/import/process-batch";
import { inngest } from "../client";

/** A CSV import in the background: a thin wrapper, the work is in lib/contacts/import. */
export const importContacts = inngest.createFunction(
  {
    id: "contacts-import",
    retries: 3,
    triggers: [{ event: "crm/contacts.import_requested" }],
    onFailure: async ({ event, error }) => {
      const data = EVENT_SCHEMAS["crm/contacts.import_requested"].parse(event.data.event.data);
      await failImport(await getDb(), data.orgId, data.importId, error.message);
    },
  },
  async ({ event, step }) => runImport(getDb, EVENT_SCHEMAS["crm/contacts.import_requested"].parse(event.data), step),
);
