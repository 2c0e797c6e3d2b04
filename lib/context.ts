import type { DbOrTx } from "@/db/client";
import type { Role } from "./auth/roles";

export type Actor = { id: string; role: Role };

/** Every lib function takes this first. orgId always comes from the session, never from input. */
export type Ctx = { orgId: string; actor: Actor; db: DbOrTx };
