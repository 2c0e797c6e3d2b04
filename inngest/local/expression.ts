/**
 * A small evaluator for the CEL subset Inngest configs use: dotted paths on `event` / `async`,
 * comparisons, && || !, parentheses and string/number/bool/null literals. Anything else is a
 * syntax error, reported at sync so an unsupported expression never silently misbehaves.
 */
type Token = { kind: "num" | "str" | "ident" | "op" | "punc"; value: string };
type Node =
  | { t: "lit"; v: unknown }
  | { t: "path"; parts: string[] }
  | { t: "not"; e: Node }
  | { t: "bin"; op: string; l: Node; r: Node };

const OPS = ["==", "!=", "<=", ">=", "&&", "||", "<", ">", "!"];

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === "'" || c === '"') {
      let j = i + 1,
        s = "";
      while (j < src.length && src[j] !== c) {
        if (src[j] === "\\") j++;
        s += src[j++];
      }
      if (j >= src.length) throw new Error(`unterminated string in expression: ${src}`);
      out.push({ kind: "str", value: s });
      i = j + 1;
      continue;
    }
    const num = /^-?\d+(\.\d+)?/.exec(src.slice(i));
    if (num && (c !== "-" || out.length === 0 || out.at(-1)!.kind === "op")) {
      out.push({ kind: "num", value: num[0] });
      i += num[0].length;
      continue;
    }
    const id = /^[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)*/.exec(src.slice(i));
    if (id) {
      out.push({ kind: "ident", value: id[0] });
      i += id[0].length;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (op) {
      out.push({ kind: "op", value: op });
      i += op.length;
      continue;
    }
    if (c === "(" || c === ")") {
      out.push({ kind: "punc", value: c });
      i++;
      continue;
    }
    throw new Error(`unsupported character "${c}" in expression: ${src}`);
  }
  return out;
}

const PRECEDENCE: Record<string, number> = { "||": 1, "&&": 2, "==": 3, "!=": 3, "<": 4, "<=": 4, ">": 4, ">=": 4 };

export function parseExpression(src: string): Node {
  const tokens = tokenize(src);
  let pos = 0;
  const primary = (): Node => {
    const tok = tokens[pos++];
    if (!tok) throw new Error(`unexpected end of expression: ${src}`);
    if (tok.kind === "op" && tok.value === "!") return { t: "not", e: primary() };
    if (tok.kind === "punc" && tok.value === "(") {
      const e = binary(0);
      if (tokens[pos++]?.value !== ")") throw new Error(`missing ")" in expression: ${src}`);
      return e;
    }
    if (tok.kind === "num") return { t: "lit", v: Number(tok.value) };
    if (tok.kind === "str") return { t: "lit", v: tok.value };
    if (tok.kind === "ident") {
      if (tok.value === "true" || tok.value === "false") return { t: "lit", v: tok.value === "true" };
      if (tok.value === "null") return { t: "lit", v: null };
      const parts = tok.value.split(".");
      if (parts[0] !== "event" && parts[0] !== "async")
        throw new Error(`unsupported name "${tok.value}" in expression (only event.* and async.*): ${src}`);
      return { t: "path", parts };
    }
    throw new Error(`unexpected "${tok.value}" in expression: ${src}`);
  };
  const binary = (min: number): Node => {
    let left = primary();
    for (;;) {
      const tok = tokens[pos];
      const prec = tok?.kind === "op" ? PRECEDENCE[tok.value] : undefined;
      if (prec === undefined || prec < min) return left;
      pos++;
      left = { t: "bin", op: tok!.value, l: left, r: binary(prec + 1) };
    }
  };
  const node = binary(0);
  if (pos !== tokens.length) throw new Error(`unexpected "${tokens[pos]!.value}" in expression: ${src}`);
  return node;
}

function evaluate(node: Node, scope: Record<string, unknown>): unknown {
  switch (node.t) {
    case "lit":
      return node.v;
    case "path":
      return node.parts.reduce<unknown>(
        (v, k) => (v && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined),
        scope,
      );
    case "not":
      return !evaluate(node.e, scope);
    case "bin": {
      if (node.op === "&&") return !!evaluate(node.l, scope) && !!evaluate(node.r, scope);
      if (node.op === "||") return !!evaluate(node.l, scope) || !!evaluate(node.r, scope);
      const l = evaluate(node.l, scope) ?? null,
        r = evaluate(node.r, scope) ?? null;
      if (node.op === "==") return JSON.stringify(l) === JSON.stringify(r);
      if (node.op === "!=") return JSON.stringify(l) !== JSON.stringify(r);
      if (l === null || r === null || typeof l !== typeof r) return false;
      const a = l as number,
        b = r as number;
      return node.op === "<" ? a < b : node.op === "<=" ? a <= b : node.op === ">" ? a > b : a >= b;
    }
  }
}

const cache = new Map<string, Node>();

/** Evaluates an expression against `event` (the run's event) and `async` (an incoming one). */
export function evalExpression(src: string, scope: { event?: unknown; async?: unknown }): unknown {
  let node = cache.get(src);
  if (!node) {
    node = parseExpression(src);
    cache.set(src, node);
  }
  return evaluate(node, scope as Record<string, unknown>);
}

export function matches(src: string | null | undefined, scope: { event?: unknown; async?: unknown }): boolean {
  return !src || !!evalExpression(src, scope);
}

/** The value of a key expression (concurrency, idempotency, throttle), as a string. */
export function keyOf(src: string, event: unknown): string {
  const v = evalExpression(src, { event });
  return typeof v === "string" ? v : JSON.stringify(v ?? null);
}
