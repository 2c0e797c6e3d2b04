import { BODY_LIMITS } from "@/lib/api/body-limit";
import { apiKeyCtx } from "@/lib/api-keys/authenticate";
import { apiErrorResponse, json, readJsonObject } from "@/lib/api/respond";
import { redeemDiscountCode } from "@/lib/playbooks/discounts";
import { runnerNow } from "@/lib/playbooks/runner/now";

export const dynamic = "force-dynamic";

/**
 * A shop or billing system reports that a customer used a discount code with an order: the code
 * is spent (single-use ones once) and the playbook run that issued it counts as converted.
 */
export async function POST(request: Request): Promise<Response> {
  try {
    const ctx = await apiKeyCtx(request);
    const read = await readJsonObject(request, BODY_LIMITS.discountRedeem);
    if (!read.ok) return read.response;
    // Codes expire on the executor's clock, the one that issued them.
    return json(await redeemDiscountCode(ctx, read.body, runnerNow()), 200);
  } catch (error) {
    return apiErrorResponse(error);
  }
}
