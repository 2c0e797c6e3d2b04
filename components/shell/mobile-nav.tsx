"use client";

import { useEffect, useState } from "react";
import type { NavItem } from "@/lib/navigation";
import { NavLinks } from "./nav-links";

export function MobileNav({ items, orgName }: { items: NavItem[]; orgName: string }) {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => event.key === "Escape" && setOpen(false);
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [open]);

  return (
    <div className="md:hidden">
      <button
        type="button"
        aria-expanded={open}
        aria-controls="mobile-nav"
        onClick={() => setOpen((v) => !v)}
        className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium"
      >
        {open ? "Close" : "Menu"}
      </button>
      {open ? (
        <nav
          id="mobile-nav"
          aria-label="Main"
          className="absolute inset-x-0 top-14 z-20 border-b border-slate-200 bg-white p-3 shadow-md"
        >
          <p className="px-3 pb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">{orgName}</p>
          <NavLinks items={items} onNavigate={() => setOpen(false)} />
        </nav>
      ) : null}
    </div>
  );
}
