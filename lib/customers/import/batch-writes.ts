import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import type { ImportedContact } from "./validate-row";
import { rowsOf } from "@/db/rows";

/**
 * The set-based statements of one import batch. Each sends its rows as one jsonb parameter and
 * expands it in the database: one round trip per statement whatever the batch size, and no
 * thousands of bound parameters for the query builder to assemble (that cost dominated before).
 */

type Marker = { orgId: string; actorId: string | null; timelineData: Record<string, unknown> };

const RECORD_COLUMNS = sql.raw(
  "first_name text, last_name text, email text, phone text, company text, job_title text, lifecycle_stage lifecycle_stage, birthday date, city text, country text, time_zone text",
);

function record(c: ImportedContact, id: string) {
  return {
    id,
    first_name: c.firstName,
    last_name: c.lastName,
    email: c.email,
    phone: c.phone,
    company: c.company,
    job_title: c.jobTitle,
    lifecycle_stage: c.lifecycleStage,
    birthday: c.birthday,
    city: c.city,
    country: c.country,
    time_zone: c.timeZone,
  };
}

/**
 * Existing customers of the organisation by lower-cased email (contacts_org_email_idx). The org id
 * goes in as a sub-select on purpose: for an organisation the statistics have not seen yet (a new
 * one importing its first file) a literal is estimated at one row, and the planner then walks all
 * of the organisation's customers for every batch — the import turned quadratic.
 */
export async function idsByEmail(tx: DbOrTx, orgId: string, emails: string[]): Promise<Map<string, string>> {
  if (emails.length === 0) return new Map();
  const result = await tx.execute(sql`
    select id, lower(email) as email from contacts
    where org_id = (select ${orgId}::uuid) and lower(email) = any(array(select jsonb_array_elements_text(${JSON.stringify(emails)}::jsonb)))`);
  return new Map(rowsOf<{ id: string; email: string }>(result).map((r) => [r.email, r.id]));
}

/** Inserts the new customers and their "Added by an import" timeline entries in one statement; returns their ids in order. */
export async function insertContacts(tx: DbOrTx, marker: Marker, rows: ImportedContact[]): Promise<string[]> {
  if (rows.length === 0) return [];
  // Ids are chosen here so tags can be linked without reading the rows back.
  const ids = rows.map(() => randomUUID());
  const payload = JSON.stringify(rows.map((c, i) => record(c, ids[i]!)));
  await tx.execute(sql`
    with x as (select * from jsonb_to_recordset(${payload}::jsonb) as x(id uuid, ${RECORD_COLUMNS})),
    inserted as (
      insert into contacts (id, org_id, first_name, last_name, email, phone, company, job_title, lifecycle_stage, birthday, city, country, time_zone)
      select x.id, ${marker.orgId}, x.first_name, x.last_name, x.email, x.phone, x.company, x.job_title, coalesce(x.lifecycle_stage, 'lead'), x.birthday, x.city, x.country, x.time_zone from x
      returning id
    )
    insert into activities (org_id, contact_id, type, actor_id, data)
    select ${marker.orgId}, inserted.id, 'contact.imported', ${marker.actorId}, ${JSON.stringify(marker.timelineData)}::jsonb from inserted`);
  return ids;
}

/** Updates existing customers (a blank cell keeps the stored value; names are always taken) with their timeline entries. */
export async function updateContacts(
  tx: DbOrTx,
  marker: Marker,
  updates: Map<string, ImportedContact>,
): Promise<number> {
  if (updates.size === 0) return 0;
  const payload = JSON.stringify([...updates].map(([id, c]) => record(c, id)));
  const result = await tx.execute(sql`
    with x as (select * from jsonb_to_recordset(${payload}::jsonb) as x(id uuid, ${RECORD_COLUMNS})),
    updated as (
      update contacts c set
        first_name = x.first_name, last_name = x.last_name,
        phone = coalesce(x.phone, c.phone), company = coalesce(x.company, c.company), job_title = coalesce(x.job_title, c.job_title),
        lifecycle_stage = coalesce(x.lifecycle_stage, c.lifecycle_stage), birthday = coalesce(x.birthday, c.birthday),
        city = coalesce(x.city, c.city), country = coalesce(x.country, c.country), time_zone = coalesce(x.time_zone, c.time_zone),
        updated_at = now()
      from x where c.id = x.id and c.org_id = ${marker.orgId}
      returning c.id
    )
    insert into activities (org_id, contact_id, type, actor_id, data)
    select ${marker.orgId}, updated.id, 'contact.imported', ${marker.actorId}, ${JSON.stringify(marker.timelineData)}::jsonb from updated
    returning contact_id`);
  return rowsOf(result).length;
}

export async function linkTags(tx: DbOrTx, orgId: string, links: { contactId: string; tagId: string }[]) {
  if (links.length === 0) return;
  await tx.execute(sql`
    insert into contact_tags (org_id, contact_id, tag_id)
    select ${orgId}, x.contact_id, x.tag_id from jsonb_to_recordset(${JSON.stringify(links.map((l) => ({ contact_id: l.contactId, tag_id: l.tagId })))}::jsonb) as x(contact_id uuid, tag_id uuid)
    on conflict do nothing`);
}
