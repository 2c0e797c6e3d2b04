"use client";

import { useEffect, useRef, useState } from "react";

export function UserMenu({ name, email, roleLabel }: { name: string; email: string; roleLabel: string }) {
  const [open, setOpen] = useState(false);
  const container = useRef<HTMLDivElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    function onPointer(event: PointerEvent) {
      if (!container.current?.contains(event.target as Node)) setOpen(false);
    }
    function onKey(event: KeyboardEvent) {
      if (event.key === "Escape") {
        setOpen(false);
        trigger.current?.focus();
      }
    }
    document.addEventListener("pointerdown", onPointer);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("pointerdown", onPointer);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);

  const initials = name
    .split(/\s+/)
    .map((part) => part[0])
    .join("")
    .slice(0, 2)
    .toUpperCase();

  return (
    <div ref={container} className="relative">
      <button
        ref={trigger}
        type="button"
        aria-haspopup="true"
        aria-expanded={open}
        aria-controls="user-menu"
        onClick={() => setOpen((v) => !v)}
        className="flex items-center gap-2 rounded-full p-1 pr-2 text-sm hover:bg-slate-100"
      >
        <span
          aria-hidden
          className="flex size-8 items-center justify-center rounded-full bg-brand-700 text-xs font-semibold text-white"
        >
          {initials}
        </span>
        <span className="hidden sm:inline">{name}</span>
        <span className="sr-only">Open user menu</span>
      </button>
      {open ? (
        <div
          id="user-menu"
          className="absolute right-0 z-30 mt-2 w-60 rounded-md border border-slate-200 bg-white p-2 shadow-lg"
        >
          <div className="px-2 py-1.5 text-sm">
            <p className="font-medium">{name}</p>
            <p className="truncate text-slate-500">{email}</p>
            <p className="mt-1 text-xs text-slate-500">{roleLabel}</p>
          </div>
          {/* A plain form post, not a server action: the browser loads the sign-in page afresh, so no
              page or router cache of this session is left in the tab (see lib/auth/sign-out.ts). */}
          <form method="post" action="/logout" className="mt-1 border-t border-slate-100 pt-1">
            <button type="submit" autoFocus className="w-full rounded px-2 py-1.5 text-left text-sm hover:bg-slate-100">
              Sign out
            </button>
          </form>
        </div>
      ) : null}
    </div>
  );
}
