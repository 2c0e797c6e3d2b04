import Link from "next/link";
import { requireSession } from "@/lib/auth/session";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { navFor } from "@/lib/navigation";
import { NavLinks } from "@/components/shell/nav-links";
import { MobileNav } from "@/components/shell/mobile-nav";
import { UserMenu } from "@/components/shell/user-menu";
import { FormatProvider } from "@/components/providers/format-provider";
import { viewerTimeZone } from "@/lib/format/server";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const { user, org } = await requireSession();
  const items = navFor(user.role);
  const formatSettings = { locale: org.locale, timeZone: org.timeZone, currency: org.currency };
  return (
    <FormatProvider settings={formatSettings} viewerTimeZone={await viewerTimeZone()}>
      <div className="min-h-screen md:grid md:grid-cols-[15rem_1fr]">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
        >
          Skip to content
        </a>
        <aside className="hidden border-r border-slate-200 bg-white md:block">
          <div className="sticky top-0 p-4">
            <Link href="/" className="block px-3 text-xl font-semibold tracking-tight text-brand-700">
              Tend
            </Link>
            <p className="mt-1 truncate px-3 text-sm text-slate-500" data-testid="org-name">
              {org.name}
            </p>
            <nav aria-label="Main" className="mt-6">
              <NavLinks items={items} />
            </nav>
          </div>
        </aside>
        <div className="min-w-0">
          <header className="relative flex h-14 items-center justify-between gap-3 border-b border-slate-200 bg-white px-4 md:justify-end">
            <div className="flex items-center gap-3 md:hidden">
              <MobileNav items={items} orgName={org.name} />
              <span className="truncate text-sm font-semibold">{org.name}</span>
            </div>
            <UserMenu name={user.name} email={user.email} roleLabel={ROLE_LABELS[user.role]} />
          </header>
          <main
            id="main"
            tabIndex={-1}
            className="mx-auto max-w-5xl px-4 py-6 sm:px-6 lg:px-8 has-[[data-full-width]]:max-w-none"
          >
            {children}
          </main>
        </div>
      </div>
    </FormatProvider>
  );
}
