import Link from "next/link";

export function Forbidden({ what }: { what: string }) {
  return (
    <div className="rounded-lg border border-amber-200 bg-amber-50 p-6" role="alert">
      <h1 className="text-lg font-semibold text-amber-900">You don&apos;t have access to {what}</h1>
      <p className="mt-1 text-sm text-amber-900/80">Only owners of this organisation can open it. Ask an owner if you need a change here.</p>
      <Link href="/" className="mt-4 inline-block text-sm font-medium text-brand-700 hover:underline">
        Back to the dashboard
      </Link>
    </div>
  );
}
