import Link from "next/link";

/** Owners see customers whose name is like this one's, with the way to merge them. */
export function SimilarCustomers({ people }: { people: { id: string; name: string; score: number }[] }) {
  if (people.length === 0) return null;
  return (
    <section
      aria-label="Possible duplicates"
      className="rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900"
    >
      <p>
        Possibly the same person:{" "}
        {people.map((p, i) => (
          <span key={p.id}>
            {i > 0 ? ", " : ""}
            <Link className="font-medium underline" href={`/customers/${p.id}`}>
              {p.name}
            </Link>{" "}
            <span className="text-amber-800/80">({Math.round(p.score * 100)}% alike)</span>
          </span>
        ))}
        .{" "}
        <Link className="font-medium underline" href="/customers/duplicates">
          Review and merge duplicates
        </Link>
      </p>
    </section>
  );
}
