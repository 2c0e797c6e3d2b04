import { z } from "zod";
import { appUrl } from "./config";
import { signToken, verifyToken } from "./signing";

const uuid = z.uuid();
const unsubscribeSchema = z.object({ o: uuid, c: uuid, m: uuid.nullable(), t: z.string().nullable() });
const clickSchema = z.object({ o: uuid, m: uuid, c: uuid.nullable(), u: z.string() });
const openSchema = z.object({ o: uuid, m: uuid, c: uuid.nullable() });

export type UnsubscribeClaims = { orgId: string; contactId: string; messageId: string | null; topicKey: string | null };
export type TrackClaims = { orgId: string; messageId: string; contactId: string | null };

export function unsubscribeToken(c: UnsubscribeClaims): string {
  return signToken("u", { o: c.orgId, c: c.contactId, m: c.messageId, t: c.topicKey });
}
export function unsubscribeUrl(c: UnsubscribeClaims): string {
  return `${appUrl()}/u/${unsubscribeToken(c)}`;
}
export function readUnsubscribeToken(token: string): UnsubscribeClaims | null {
  const p = unsubscribeSchema.safeParse(verifyToken("u", token));
  return p.success ? { orgId: p.data.o, contactId: p.data.c, messageId: p.data.m, topicKey: p.data.t } : null;
}

export function clickUrl(c: TrackClaims, url: string): string {
  return `${appUrl()}/r/${signToken("c", { o: c.orgId, m: c.messageId, c: c.contactId, u: url })}`;
}
export function openPixelUrl(c: TrackClaims): string {
  return `${appUrl()}/r/${signToken("o", { o: c.orgId, m: c.messageId, c: c.contactId })}`;
}

/** A click or open token; the click's URL is only ever the one signed into the message. */
export function readTrackToken(
  token: string,
): ({ kind: "click"; url: string } & TrackClaims) | ({ kind: "open" } & TrackClaims) | null {
  const click = clickSchema.safeParse(verifyToken("c", token));
  if (click.success) {
    const url = click.data.u;
    if (!/^https?:\/\//i.test(url)) return null;
    return { kind: "click", url, orgId: click.data.o, messageId: click.data.m, contactId: click.data.c };
  }
  const open = openSchema.safeParse(verifyToken("o", token));
  if (open.success) return { kind: "open", orgId: open.data.o, messageId: open.data.m, contactId: open.data.c };
  return null;
}
