import Link from "next/link";

export default function NotFound() {
  return (
    <main className="flex min-h-[60vh] flex-col items-center justify-center px-4 text-center">
      <p className="text-sm font-semibold text-brand-700">404</p>
      <h1 className="mt-2 text-2xl font-semibold">We couldn&apos;t find that page</h1>
      <p className="mt-2 max-w-md text-sm text-slate-600">
        It may have been moved or deleted, or it belongs to another organisation.
      </p>
      <Link href="/" className="mt-6 text-sm font-medium text-brand-700 hover:underline">
        Go to the dashboard
      </Link>
    </main>
  );
}
