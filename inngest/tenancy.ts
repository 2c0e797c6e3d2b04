import { isUuid } from "@/db/uuid-array";
import type { TenantOf } from "./local/types";

/** Tend's events name their organisation in `data.orgId`: a run belongs to the organisation of the event that started it. */
export const organisationOfEvent: TenantOf = (event) => {
  const orgId = event.data?.orgId;
  return isUuid(orgId) ? orgId : null;
};
