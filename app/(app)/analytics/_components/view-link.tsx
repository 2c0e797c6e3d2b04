"use client";

import type { AnchorHTMLAttributes, MouseEvent } from "react";
import { pushView } from "./use-analytics-view";

/**
 * A link to another range or choice on the same analytics page. A plain click changes the URL in
 * place and the page refetches its numbers; a modified click (new tab, window) is an ordinary link.
 */
export function ViewLink({ href, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  function go(event: MouseEvent<HTMLAnchorElement>) {
    onClick?.(event);
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    )
      return;
    event.preventDefault();
    pushView(href);
  }
  return <a href={href} onClick={go} {...rest} />;
}
