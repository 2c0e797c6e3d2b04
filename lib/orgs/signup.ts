import "server-only";
import { organizations, users } from "@/db/schema";
import { recordAudit } from "../audit/record";
import type { DbOrTx } from "@/db/client";
import { ValidationError } from "../errors";
import { hashPassword } from "../auth/password";
import { emailTaken, rethrowEmailTaken } from "../team/team";
import { signupSchema } from "./signup.schema";
import { emitEvent } from "../events/emit";
import { ensurePipeline } from "../leads/pipeline";
import { ensureEmailDefaults } from "../email/topics";
import { installDefaultPlaybooks } from "../playbooks/install";
import { systemActor, systemCtx } from "../actors";
import type { UserCtx } from "../context";

/** Sign-up: a new organisation with the person as its only owner. Nothing of any other org is shared. */
export async function createOrganizationWithOwner(db: DbOrTx, input: unknown) {
  const data = signupSchema.parse(input);
  if (await emailTaken(db, data.email)) {
    throw new ValidationError({ email: "Someone already signs in with this email address. Sign in instead." });
  }
  const passwordHash = await hashPassword(data.password);
  return db
    .transaction(async (tx) => {
      const [org] = await tx.insert(organizations).values({ name: data.orgName }).returning({ id: organizations.id });
      const [owner] = await tx
        .insert(users)
        .values({ orgId: org!.id, name: data.name, email: data.email, role: "owner", passwordHash })
        .returning({ id: users.id, email: users.email });
      const ownerCtx: UserCtx = { orgId: org!.id, db: tx, actor: { kind: "user", id: owner!.id, role: "owner" } };
      await recordAudit(tx, ownerCtx, {
        action: "organization.created",
        target: { id: org!.id, label: data.orgName },
        data: { name: data.orgName },
      });
      await ensurePipeline(tx, org!.id);
      await ensureEmailDefaults(tx, org!.id);
      // The six built-in playbooks arrive published but paused: the owner switches on the ones they want.
      await installDefaultPlaybooks(systemCtx(tx, org!.id, systemActor("signup")), "paused");
      await emitEvent(tx, "crm/organization.created", { orgId: org!.id, ownerId: owner!.id });
      return { orgId: org!.id, userId: owner!.id, email: owner!.email };
    })
    .catch(rethrowEmailTaken);
}
