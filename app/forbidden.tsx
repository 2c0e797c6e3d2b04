import ForbiddenPage from "./(app)/forbidden";

/** A forbidden() outside the signed-in shell: the same message, on its own. */
export default function RootForbidden() {
  return (
    <main className="mx-auto max-w-xl px-4 py-16">
      <ForbiddenPage />
    </main>
  );
}
