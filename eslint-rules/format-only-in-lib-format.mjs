/**
 * Every date, time, number and amount a person reads is written by lib/format (the organisation's
 * locale, zone and currency). This rule refuses the usual ways around it outside that module:
 * toLocaleString / toLocaleDateString / toLocaleTimeString, Intl.DateTimeFormat, and dates cut
 * out of an ISO string (`d.toISOString().slice(0, 10)`) in UI files.
 */
const TO_LOCALE = new Set(["toLocaleString", "toLocaleDateString", "toLocaleTimeString"]);
const CUTS = new Set(["slice", "substring", "substr", "replace", "split"]);

const propName = (node) =>
  node && node.type === "MemberExpression"
    ? node.computed
      ? node.property.type === "Literal"
        ? String(node.property.value)
        : null
      : node.property.name
    : null;

const isIntlDateTimeFormat = (callee) =>
  callee.type === "MemberExpression" &&
  callee.object.type === "Identifier" &&
  callee.object.name === "Intl" &&
  propName(callee) === "DateTimeFormat";

const rule = {
  meta: {
    type: "problem",
    docs: { description: "Dates, times and amounts are formatted only through lib/format" },
    messages: {
      toLocale: "Use the formatter from lib/format (useFormat() / pageFormatter()) instead of {{name}}().",
      intl: "Intl.DateTimeFormat belongs in lib/format: use the organisation's formatter (useFormat() / pageFormatter()).",
      isoCut:
        "A date cut out of an ISO string is written in UTC: show it with <When> or the formatter from lib/format.",
    },
    schema: [],
  },
  create(context) {
    const ui = /\.tsx$/.test(context.filename ?? context.getFilename());
    const check = (node) => {
      if (isIntlDateTimeFormat(node.callee)) context.report({ node, messageId: "intl" });
    };
    return {
      NewExpression: check,
      CallExpression(node) {
        check(node);
        const name = propName(node.callee);
        if (name && TO_LOCALE.has(name)) context.report({ node, messageId: "toLocale", data: { name } });
        if (ui && name && CUTS.has(name)) {
          const target = node.callee.object;
          if (target.type === "CallExpression" && propName(target.callee) === "toISOString") {
            context.report({ node, messageId: "isoCut" });
          }
        }
      },
    };
  },
};

const plugin = { rules: { "format-only-in-lib-format": rule } };
export default plugin;
