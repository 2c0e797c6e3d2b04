// A local ESLint rule: a "use client" file may not import a server-only module.
// A module is server-only when it starts with `import "server-only"`, or when a module it imports
// (not as a type) is. A "use server" file is never followed: a client may import server actions.
// Driven by the marker itself, so there is no list to keep up to date.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** Packages that are server-only on their own (the database drivers and the marker). */
const SERVER_PACKAGES = new Set(["server-only", "drizzle-orm", "postgres", "@electric-sql/pglite", "next/headers"]);
const EXTENSIONS = ["", ".ts", ".tsx", ".mjs", ".js", "/index.ts", "/index.tsx"];

const cache = new Map();

function resolveModule(specifier, fromFile) {
  let base;
  if (specifier.startsWith("@/")) base = path.join(ROOT, specifier.slice(2));
  else if (specifier.startsWith(".")) base = path.resolve(path.dirname(fromFile), specifier);
  else return null;
  for (const ext of EXTENSIONS) {
    const candidate = base + ext;
    if (existsSync(candidate) && !candidate.endsWith("/") && /\.(ts|tsx|mjs|js)$/.test(candidate)) return candidate;
  }
  return null;
}

const directive = (source, name) => new RegExp(`^(?:\\s|//[^\\n]*\\n|/\\*[\\s\\S]*?\\*/)*["']${name}["']`).test(source);
/** Value imports and re-exports of a module (type-only ones carry no code to the client). */
const VALUE_IMPORT = /^\s*(?:import|export)\s+(?!type\b)(?:[^"';]*?\sfrom\s+)?["']([^"']+)["']/gm;

/** The chain that makes a module server-only (e.g. ["lib/a.ts", "lib/b.ts", "server-only"]), or null. */
function serverOnlyChain(file, seen = new Set()) {
  if (cache.has(file)) return cache.get(file);
  if (seen.has(file)) return null;
  seen.add(file);
  let source;
  try {
    source = readFileSync(file, "utf8");
  } catch {
    return null;
  }
  let chain = null;
  if (!directive(source, "use server")) {
    for (const match of source.matchAll(VALUE_IMPORT)) {
      const specifier = match[1];
      if (SERVER_PACKAGES.has(specifier)) {
        chain = [specifier];
        break;
      }
      const target = resolveModule(specifier, file);
      const inner = target ? serverOnlyChain(target, seen) : null;
      if (inner) {
        chain = [path.relative(ROOT, target), ...inner];
        break;
      }
    }
  }
  cache.set(file, chain);
  return chain;
}

const rule = {
  meta: {
    type: "problem",
    docs: { description: 'Refuse a "use client" file importing a server-only module.' },
    schema: [],
    messages: {
      serverOnly:
        '"{{specifier}}" is server-only ({{chain}}); a "use client" file may import only client-safe modules. ' +
        "Move what the client needs into a file without database code (a schema or constants file), or import it as a type.",
    },
  },
  create(context) {
    const filename = context.filename ?? context.getFilename();
    const source = context.sourceCode ?? context.getSourceCode();
    const isClient = source.ast.body.some(
      (node) => node.type === "ExpressionStatement" && node.directive === "use client",
    );
    if (!isClient) return {};
    function check(node) {
      if (!node.source || node.importKind === "type" || node.exportKind === "type") return;
      const specifiers = node.specifiers ?? [];
      if (specifiers.length > 0 && specifiers.every((s) => s.importKind === "type" || s.exportKind === "type")) return;
      const specifier = node.source.value;
      let chain = null;
      if (SERVER_PACKAGES.has(specifier)) chain = [specifier];
      else {
        const target = resolveModule(specifier, filename);
        const inner = target ? serverOnlyChain(target) : null;
        if (inner) chain = [path.relative(ROOT, target), ...inner];
      }
      if (chain) context.report({ node, messageId: "serverOnly", data: { specifier, chain: chain.join(" → ") } });
    }
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check };
  },
};

const plugin = { rules: { "server-only-boundary": rule } };
export default plugin;
