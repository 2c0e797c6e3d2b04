import { forbidden } from "next/navigation";
import type { Metadata } from "next";
import { requireSession } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { listApiKeys } from "@/lib/api-keys/keys";
import { Card, PageHeader } from "@/components/ui/card";
import { CreateApiKeyForm } from "../_components/create-api-key-form";
import { ApiKeyTable } from "../_components/api-key-table";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  const ctx = await requireSession();
  if (!can(ctx.actor.role, "api_keys:manage")) forbidden();
  const keys = await listApiKeys(ctx);
  return (
    <>
      <PageHeader
        title="API keys"
        description="Let your billing or product systems report events (a failed payment, a trial ending) to Tend."
      />
      <div className="space-y-6">
        <Card
          title="Create a key"
          description="Name it after the system that will use it. The key is shown once; Tend keeps only a fingerprint."
        >
          <CreateApiKeyForm />
        </Card>
        <Card
          title="Keys"
          description="Send a key as 'Authorization: Bearer <key>' to POST /api/v1/events. A revoked key stops working at once."
        >
          <ApiKeyTable keys={keys} />
        </Card>
      </div>
    </>
  );
}
