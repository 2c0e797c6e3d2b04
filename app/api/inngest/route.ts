import { serve } from "inngest/next";
import { inngest } from "@/inngest/client";
import { functions } from "@/inngest/functions";

export const dynamic = "force-dynamic";

// Signed requests only: the embedded executor and Inngest Cloud sign; a dev server (INNGEST_DEV) does not.
export const { GET, POST, PUT } = serve({ client: inngest, functions });
