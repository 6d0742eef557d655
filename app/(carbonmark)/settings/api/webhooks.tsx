"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Form } from "@/components/ui/form-fields";
import { actionErrorMessage, actionFieldErrors, callAction } from "@/lib/actions/action-result";
import { addEndpointAction, enableEndpointAction, removeEndpointAction, resendDeliveryAction } from "./actions";
import { ShownOnce } from "./shown-once";

export function AddEndpointForm() {
  const router = useRouter();
  const [added, setAdded] = useState<{ url: string; secret: string }>();
  const [error, setError] = useState<string>();
  return (
    <div className="flex flex-col gap-3">
      {added && <ShownOnce title={`Signing secret of ${added.url}`} value={added.secret} testId="new-webhook-secret" />}
      <Form
        className="flex flex-col gap-3 sm:flex-row sm:items-end"
        action={async (data: FormData) => {
          setError(undefined);
          const result = await callAction(() => addEndpointAction({ url: String(data.get("url") ?? "") }));
          if (!result?.data) return setError(actionFieldErrors(result).url ?? actionErrorMessage(result));
          setAdded(result.data);
          router.refresh();
        }}
      >
        <Field
          label="Endpoint URL"
          name="url"
          id="webhook-url"
          type="url"
          placeholder="https://hooks.example.com/carbonmark"
          error={error}
          className="flex-1"
        />
        <Button type="submit">Add endpoint</Button>
      </Form>
    </div>
  );
}

/** A small button that runs one action and refreshes the page. */
function ActionButton({
  label,
  ariaLabel,
  run,
  confirm,
}: {
  label: string;
  ariaLabel: string;
  run: () => Promise<{ data?: unknown; serverError?: string } | undefined>;
  confirm?: string;
}) {
  const router = useRouter();
  const [isPending, setPending] = useState(false);
  const [error, setError] = useState<string>();
  return (
    <span className="inline-flex flex-col items-end gap-1">
      <Button
        variant="secondary"
        isLoading={isPending}
        aria-label={ariaLabel}
        onClick={async () => {
          if (confirm && !window.confirm(confirm)) return;
          setPending(true);
          const result = await callAction(run);
          setPending(false);
          if (!result?.data) return setError(actionErrorMessage(result));
          setError(undefined);
          router.refresh();
        }}
      >
        {label}
      </Button>
      {error && <Alert tone="danger">{error}</Alert>}
    </span>
  );
}

export function RemoveEndpointButton({ endpointId, url }: { endpointId: string; url: string }) {
  return (
    <ActionButton
      label="Remove"
      ariaLabel={`Remove ${url}`}
      confirm={`Remove ${url}? It gets no more events.`}
      run={() => removeEndpointAction({ endpointId })}
    />
  );
}

export function EnableEndpointButton({ endpointId, url }: { endpointId: string; url: string }) {
  return <ActionButton label="Enable" ariaLabel={`Enable ${url}`} run={() => enableEndpointAction({ endpointId })} />;
}

export function SendAgainButton({ deliveryId }: { deliveryId: string }) {
  return (
    <ActionButton
      label="Send again"
      ariaLabel="Send this event again"
      run={() => resendDeliveryAction({ deliveryId })}
    />
  );
}
