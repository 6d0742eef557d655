"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Form } from "@/components/ui/form-fields";
import { actionErrorMessage, actionFieldErrors, callAction } from "@/lib/actions/action-result";
import { createApiKeyAction, revokeApiKeyAction } from "./actions";
import { ShownOnce } from "./shown-once";

/** Creates a key (shown once) with a name and a scope. */
export function CreateApiKeyForm() {
  const router = useRouter();
  const [created, setCreated] = useState<{ key: string; name: string }>();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  return (
    <div className="flex flex-col gap-3">
      {created && <ShownOnce title={`Your new key “${created.name}”`} value={created.key} testId="new-api-key" />}
      <Form
        className="flex flex-col gap-3 sm:flex-row sm:items-end"
        action={async (data: FormData) => {
          setError(undefined);
          const result = await callAction(() =>
            createApiKeyAction({ name: String(data.get("name") ?? ""), scope: String(data.get("scope")) as "read" }),
          );
          if (!result?.data) {
            setErrors(actionFieldErrors(result));
            return setError(actionFieldErrors(result).name ? undefined : actionErrorMessage(result));
          }
          setErrors({});
          setCreated(result.data);
          router.refresh();
        }}
      >
        <Field
          label="Name"
          name="name"
          id="api-key-name"
          placeholder="e.g. Finance ERP"
          maxLength={60}
          error={errors.name}
          className="flex-1"
        />
        <div className="flex flex-col gap-1">
          <label htmlFor="api-key-scope" className="text-sm font-medium text-slate-700">
            Access
          </label>
          <select
            id="api-key-scope"
            name="scope"
            defaultValue="read"
            className="rounded-md border border-slate-300 bg-white px-3 py-2 text-slate-900 shadow-sm"
          >
            <option value="read">Read only</option>
            <option value="read_write">Read and write (request imports)</option>
          </select>
        </div>
        <Button type="submit">Create key</Button>
      </Form>
      {error && <Alert tone="danger">{error}</Alert>}
    </div>
  );
}

export function RevokeApiKeyButton({ keyId, name }: { keyId: string; name: string }) {
  const router = useRouter();
  const [isPending, setPending] = useState(false);
  const [error, setError] = useState<string>();
  return (
    <>
      <Button
        variant="secondary"
        isLoading={isPending}
        aria-label={`Revoke ${name}`}
        onClick={async () => {
          if (!window.confirm(`Revoke “${name}”? Systems using it are refused from the next request.`)) return;
          setPending(true);
          const result = await callAction(() => revokeApiKeyAction({ keyId }));
          setPending(false);
          if (!result?.data) return setError(actionErrorMessage(result));
          router.refresh();
        }}
      >
        Revoke
      </Button>
      {error && <p className="text-sm text-red-600">{error}</p>}
    </>
  );
}
