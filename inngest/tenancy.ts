import type { TenantOf } from "./local/types";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Tend's events name their organisation in `data.orgId`: a run belongs to the organisation of the event that started it. */
export const organisationOfEvent: TenantOf = (event) => {
  const orgId = event.data?.orgId;
  return typeof orgId === "string" && UUID.test(orgId) ? orgId : null;
};
