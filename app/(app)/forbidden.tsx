"use client";
import { usePathname } from "next/navigation";
import { pageAccessFor } from "@/lib/auth/page-access";
import { Forbidden } from "@/components/ui/forbidden";

/** The 403 page (pages call `forbidden()`): it names what was refused and who can open it, found by the path. */
export default function ForbiddenPage() {
  const access = pageAccessFor(usePathname());
  return <Forbidden what={access?.what ?? "this page"} permission={access?.permission} />;
}
