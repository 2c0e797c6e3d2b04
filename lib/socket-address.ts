import { Server, type IncomingMessage } from "node:http";
import { ARRIVED_FORWARDED_FOR_HEADER, SOCKET_ADDRESS_HEADER } from "./request-meta";

let installed = false;

/**
 * `next start` hands route handlers and server actions no socket, and fills X-Forwarded-For with
 * the peer's address only when the client sent none, so a client could name any address. Before
 * Next.js sees a request, this records the TCP peer and the X-Forwarded-For the request arrived
 * with under headers of our own (overwriting any a client sent), for lib/request-meta.ts.
 */
export function recordSocketAddresses(): void {
  if (installed) return;
  installed = true;
  const emit = Server.prototype.emit;
  Server.prototype.emit = function (this: Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") stamp(args[0] as IncomingMessage);
    return emit.apply(this, [event, ...args] as Parameters<typeof emit>);
  } as typeof Server.prototype.emit;
}

export function stamp(request: IncomingMessage): void {
  const arrived = request.headers["x-forwarded-for"];
  request.headers[ARRIVED_FORWARDED_FOR_HEADER] = Array.isArray(arrived) ? arrived.join(", ") : (arrived ?? "");
  request.headers[SOCKET_ADDRESS_HEADER] = request.socket?.remoteAddress ?? "";
}
