import type { DbOrTx } from "@/db/client";
import type { Role } from "./auth/roles";

export type Actor = { id: string; role: Role };

/** Where a request came from, when one made the change (kept on audit entries). */
export type RequestMeta = { ip: string | null; userAgent: string | null };

/** Every lib function takes this first. orgId always comes from the session, never from input. */
export type Ctx = { orgId: string; actor: Actor; db: DbOrTx; request?: RequestMeta };
