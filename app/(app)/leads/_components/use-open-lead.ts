"use client";

import { useCallback, useRef } from "react";
import { useSearchParams } from "next/navigation";

/** The selector of the button that opens a lead's panel from its card or list row. */
export const openerSelector = (id: string) => `[data-lead-opener="${CSS.escape(id)}"]`;

/**
 * The open lead lives in the URL (/leads?lead=<id>), so a lead can be linked, reloaded and
 * reopened with Back. Closing gives focus back to what opened it, or to the lead's card when that
 * element was re-rendered meanwhile.
 */
export function useOpenLead() {
  const params = useSearchParams();
  const openId = params.get("lead");
  const opener = useRef<HTMLElement | null>(null);

  const open = useCallback((id: string) => {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const url = new URL(window.location.href);
    url.searchParams.set("lead", id);
    window.history.pushState(null, "", url);
  }, []);

  const close = useCallback(() => {
    const url = new URL(window.location.href);
    const id = url.searchParams.get("lead");
    url.searchParams.delete("lead");
    window.history.replaceState(null, "", url);
    const previous = opener.current;
    opener.current = null;
    requestAnimationFrame(() => {
      if (previous?.isConnected) return previous.focus();
      if (id) document.querySelector<HTMLElement>(openerSelector(id))?.focus();
    });
  }, []);

  return { openId, open, close };
}
