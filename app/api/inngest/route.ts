import { serve } from "inngest/next";
import { inngest } from "@/inngest/client";
import { functions } from "@/inngest/functions";
import { serveInThisProcess } from "@/inngest/own-api";

export const dynamic = "force-dynamic";

// Signed requests only: the embedded executor and Inngest Cloud sign; a dev server (INNGEST_DEV) does not.
export const { GET, POST, PUT } = serve({ client: inngest, functions });
// The embedded executor of this process calls the same functions without HTTP.
serveInThisProcess({ client: inngest, functions });
