"use client";

import type { ActionResult } from "@/lib/action-result";
import { actionMessage } from "@/components/forms/action-feedback";
import { useMemo, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { parseCsv } from "@/lib/customers/import/csv-parse";
import {
  guessMapping,
  IMPORT_FIELD_NAMES,
  IMPORT_FIELDS,
  type ColumnMapping,
  type ImportField,
} from "@/lib/customers/import/fields";
import { validateRow } from "@/lib/customers/import/validate-row";
import type { ImportMode } from "@/lib/customers/constants";
import { Card } from "@/components/ui/card";
import { useFormat } from "@/components/providers/format-provider";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/field";

const PREVIEW_ROWS = 20;

/** Parsing, mapping and validation run in the browser for an instant preview; the server repeats them. */
export function ImportWizard() {
  const router = useRouter();
  const format = useFormat();
  const [file, setFile] = useState<{ name: string; text: string; blob: File } | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping>({});
  const [mode, setMode] = useState<ImportMode>("skip");
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();

  const parsed = useMemo(() => (file ? parseCsv(file.text) : null), [file]);
  const headers = parsed?.rows[0] ?? [];
  const data = useMemo(() => parsed?.rows.slice(1) ?? [], [parsed]);
  const checked = useMemo(() => data.map((values) => validateRow(values, mapping)), [data, mapping]);
  const invalid = checked.filter((r) => !r.ok).length;

  const choose = async (f: File | undefined) => {
    setError(null);
    if (!f) return setFile(null);
    if (f.size > 40 * 1024 * 1024) return setError("The file is larger than 40 MB. Split it into smaller files.");
    const text = await f.text();
    const rows = parseCsv(text).rows;
    setFile({ name: f.name, text, blob: f });
    setMapping(guessMapping(rows[0] ?? []));
  };

  const submit = () =>
    start(async () => {
      setError(null);
      // The file itself is the body: the server parses it as it streams in.
      const query = new URLSearchParams({ fileName: file!.name, mode, mapping: JSON.stringify(mapping) });
      const response = await fetch(`/customers/import/upload?${query}`, {
        method: "POST",
        headers: { "content-type": "text/csv; charset=utf-8" },
        body: file!.blob,
      });
      const result: ActionResult<{ id: string }> = await response
        .json()
        .catch(() => ({ ok: false, error: "The upload failed. Please try again." }));
      if (!result.ok) return setError(actionMessage(result));
      router.push(`/customers/import/${result.data.id}`);
    });

  return (
    <div className="space-y-6">
      <Card title="1. Choose a CSV file">
        <label className="block text-sm font-medium" htmlFor="csv-file">
          CSV file (comma, semicolon, tab or pipe separated; first line = column names)
        </label>
        <input
          id="csv-file"
          type="file"
          accept=".csv,text/csv,text/plain"
          className="mt-2 block text-sm"
          onChange={(e) => choose(e.target.files?.[0])}
        />
        {parsed?.unterminatedQuoteAtLine ? (
          <Alert tone="error">
            A quote opened on line {parsed.unterminatedQuoteAtLine} is never closed: fix the file and choose it again.
          </Alert>
        ) : null}
        {error ? (
          <div className="mt-3">
            <Alert tone="error">{error}</Alert>
          </div>
        ) : null}
      </Card>
      {file && headers.length ? (
        <>
          <Card
            title="2. Match the columns"
            description={`${format.number(data.length)} rows found. We guessed from the column names; change anything that is wrong.`}
          >
            <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
              {IMPORT_FIELD_NAMES.map((field: ImportField) => (
                <label key={field} className="block text-sm">
                  <span className="font-medium">{IMPORT_FIELDS[field].label}</span>
                  <Select
                    value={mapping[field] ?? ""}
                    onChange={(e) =>
                      setMapping((m) => {
                        const next = { ...m };
                        if (e.target.value === "") delete next[field];
                        else next[field] = Number(e.target.value);
                        return next;
                      })
                    }
                  >
                    <option value="">— not imported —</option>
                    {headers.map((h, i) => (
                      <option key={i} value={i}>
                        {h || `Column ${i + 1}`}
                      </option>
                    ))}
                  </Select>
                </label>
              ))}
            </div>
            {headers.length === 1 ? (
              <Alert tone="error">
                Only one column was found. Is the file separated by something other than commas, semicolons, tabs or
                pipes?
              </Alert>
            ) : null}
          </Card>
          <Card
            title="3. Preview"
            description={
              invalid
                ? `${format.number(invalid)} of ${format.number(data.length)} rows have problems and will be left out (you can download them with reasons afterwards).`
                : "Every row looks valid."
            }
          >
            <div className="table-frame">
              <table className="w-full text-left text-xs">
                <thead className="bg-slate-50">
                  <tr>
                    <th className="px-2 py-1">Row</th>
                    {headers.map((h, i) => (
                      <th key={i} className="px-2 py-1">
                        {h}
                      </th>
                    ))}
                    <th className="px-2 py-1">Problems</th>
                  </tr>
                </thead>
                <tbody>
                  {data.slice(0, PREVIEW_ROWS).map((values, i) => {
                    const r = checked[i]!;
                    return (
                      <tr key={i} className={r.ok ? "" : "bg-red-50"} data-testid="preview-row">
                        <td className="px-2 py-1">{i + 2}</td>
                        {headers.map((_, j) => (
                          <td key={j} className="px-2 py-1">
                            {values[j]}
                          </td>
                        ))}
                        <td className="px-2 py-1 text-red-700">{r.ok ? "" : r.reasons.join("; ")}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </Card>
          <Card title="4. Existing customers">
            <fieldset className="space-y-2 text-sm">
              <legend className="mb-1">When a row&apos;s email already belongs to a customer:</legend>
              <label className="flex items-center gap-2">
                <input type="radio" name="mode" checked={mode === "skip"} onChange={() => setMode("skip")} /> Skip the
                row (keep the customer as is)
              </label>
              <label className="flex items-center gap-2">
                <input type="radio" name="mode" checked={mode === "update"} onChange={() => setMode("update")} /> Update
                the customer with the row&apos;s values
              </label>
            </fieldset>
            <Button className="mt-4" disabled={pending || data.length === invalid} onClick={submit}>
              {pending ? "Uploading…" : `Import ${format.number(data.length - invalid)} rows`}
            </Button>
          </Card>
        </>
      ) : null}
    </div>
  );
}
