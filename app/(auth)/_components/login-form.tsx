"use client";

import { useActionState, useRef } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { Alert } from "@/components/ui/alert";
import { loginAction, type LoginState } from "../login/actions";

type DemoAccount = { email: string; name: string; role: string };

export function LoginForm({
  callbackUrl,
  demoAccounts,
  demoPassword,
}: {
  callbackUrl: string;
  demoAccounts: DemoAccount[];
  demoPassword: string;
}) {
  const [state, action, pending] = useActionState<LoginState, FormData>(loginAction, {});
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  function fillAccount(email: string) {
    if (emailRef.current) emailRef.current.value = email;
    if (passwordRef.current) passwordRef.current.value = demoPassword;
    passwordRef.current?.focus();
  }

  return (
    <div className="space-y-6">
      <form action={action} className="space-y-4" noValidate>
        <input type="hidden" name="callbackUrl" value={callbackUrl} />
        {state.error ? <Alert tone="error">{state.error}</Alert> : null}
        <Field label="Email" htmlFor="email">
          <Input
            ref={emailRef}
            id="email"
            name="email"
            type="email"
            autoComplete="email"
            required
            defaultValue={state.email}
            autoFocus
          />
        </Field>
        <Field label="Password" htmlFor="password">
          <Input
            ref={passwordRef}
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
          />
        </Field>
        <Button type="submit" className="w-full" disabled={pending}>
          {pending ? "Signing in…" : "Sign in"}
        </Button>
      </form>
      {demoAccounts.length > 0 ? (
        <section
          aria-labelledby="demo-accounts"
          className="rounded-lg border border-dashed border-slate-300 bg-white p-4 text-sm"
        >
          <h2 id="demo-accounts" className="font-medium">
            Demo accounts
          </h2>
          <p className="mt-1 text-slate-600">
            Password <code className="rounded bg-slate-100 px-1">{demoPassword}</code> for each.
          </p>
          <ul className="mt-3 space-y-1.5">
            {demoAccounts.map((account) => (
              <li key={account.email} className="flex items-center justify-between gap-2">
                <span>
                  <code>{account.email}</code> <span className="text-slate-500">· {account.role}</span>
                </span>
                <button
                  type="button"
                  className="text-brand-700 underline-offset-2 hover:underline"
                  onClick={() => fillAccount(account.email)}
                >
                  Use<span className="sr-only"> {account.email}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
