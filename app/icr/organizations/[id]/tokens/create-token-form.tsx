"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Form } from "@/components/ui/form-fields";
import { PERMISSION_WORDS, PERMISSIONS, type TPermission } from "@/lib/registry/auth/permissions";
import { actionErrorMessage, callAction } from "@/lib/actions/action-result";
import { createOrgTokenAction } from "./actions";

export function CreateTokenForm({
  organizationId,
  defaultEndDate,
  maxEndDate,
  minEndDate,
}: {
  organizationId: string;
  defaultEndDate: string;
  maxEndDate: string;
  minEndDate: string;
}) {
  const [permissions, setPermissions] = useState<TPermission[]>([
    "organization_info:read",
    "organization_inventory:read",
  ]);
  const [isCopied, setIsCopied] = useState(false);
  const [isPending, setPending] = useState(false);
  const [error, setError] = useState<string>();
  const [created, setCreated] = useState<{ token: string; expiresAt: string }>();

  async function create(form: FormData) {
    setError(undefined);
    const result = await callAction(() =>
      createOrgTokenAction({
        organizationId,
        name: String(form.get("name") ?? ""),
        permissions,
        endDate: String(form.get("endDate") ?? ""),
      }),
    );
    if (!result?.data) return setError(actionErrorMessage(result));
    setCreated(result.data);
  }

  if (created) {
    return (
      <div className="flex flex-col gap-3">
        <Alert tone="success" title="Copy your new access token now">
          It is shown only this once; ICR keeps only a fingerprint of it. It works until{" "}
          {new Date(created.expiresAt).toISOString().slice(0, 10)} (end of day, UTC).
        </Alert>
        <code
          data-testid="new-token"
          className="break-all rounded border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-sm"
        >
          {created.token}
        </code>
        <div className="flex gap-2">
          <Button
            type="button"
            variant="secondary"
            onClick={() => {
              void navigator.clipboard?.writeText(created.token).then(() => setIsCopied(true));
            }}
          >
            {isCopied ? "Copied" : "Copy"}
          </Button>
          <Button
            type="button"
            variant="ghost"
            onClick={() => {
              setCreated(undefined);
              setIsCopied(false);
            }}
          >
            Done
          </Button>
        </div>
      </div>
    );
  }

  return (
    <Form action={create} onPendingChange={setPending} className="flex flex-col gap-4">
      <Field
        label="Name"
        name="name"
        placeholder="e.g. Reporting script"
        maxLength={100}
        required
        hint="So you recognise it later."
      />
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium text-slate-700">Permissions</legend>
        {PERMISSIONS.map((p) => (
          <label key={p} className="flex items-start gap-2 text-sm">
            <input
              type="checkbox"
              className="mt-1"
              name="permissions"
              value={p}
              checked={permissions.includes(p)}
              onChange={(e) => setPermissions((cur) => (e.target.checked ? [...cur, p] : cur.filter((x) => x !== p)))}
            />
            <span>
              {PERMISSION_WORDS[p]} <code className="text-xs text-slate-500">{p}</code>
            </span>
          </label>
        ))}
      </fieldset>
      <Field
        label="End date"
        name="endDate"
        type="date"
        defaultValue={defaultEndDate}
        min={minEndDate}
        max={maxEndDate}
        required
        hint="The token stops working at the end of this day (UTC)."
      />
      {error && <Alert tone="danger">{error}</Alert>}
      <div>
        <Button type="submit" variant="icr" isLoading={isPending}>
          Create token
        </Button>
      </div>
    </Form>
  );
}
