import { sql } from "drizzle-orm";
import { emailEvents } from "@/db/schema";

/**
 * An open or click a person made: what machine-engagement flagged (privacy proxies, link
 * scanners, opens within seconds of delivery) is recorded but never counts as the customer's.
 */
export const byPerson = sql`coalesce(${emailEvents.data}->>'machine', 'false') <> 'true'`;
