"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Form } from "@/components/ui/form-fields";
import { actionErrorMessage, callAction } from "@/lib/actions/action-result";
import { resendVerificationAction } from "./actions";

export function ResendVerificationButton() {
  const [message, setMessage] = useState<{ tone: "success" | "danger"; text: string }>();
  const [isPending, setPending] = useState(false);

  async function onSubmit() {
    const result = await callAction(() => resendVerificationAction());
    setMessage(
      result?.data
        ? { tone: "success", text: "We sent a new link. Older links no longer work." }
        : { tone: "danger", text: actionErrorMessage(result) ?? "" },
    );
  }

  return (
    <Form action={onSubmit} onPendingChange={setPending} className="flex flex-col gap-3">
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      <Button type="submit" variant="secondary" isLoading={isPending}>
        Send the link again
      </Button>
    </Form>
  );
}
