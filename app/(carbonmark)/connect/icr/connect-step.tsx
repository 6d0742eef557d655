import type { ComponentProps, ReactNode } from "react";
import { ConnectIcrButton } from "@/app/(carbonmark)/connect/icr/connect-icr-button";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";

/** The CONNECT TO ICR step of the import and export wizards (guides 000 and 001, "Connect to ICR"). */
export function ConnectStep({
  title,
  returnTo,
  message,
  children,
}: {
  title: string;
  returnTo: ComponentProps<typeof ConnectIcrButton>["returnTo"];
  message?: string;
  children: ReactNode;
}) {
  return (
    <div className="mx-auto flex max-w-xl flex-col gap-4">
      <h1 className="text-3xl font-bold">{title}</h1>
      <Card title="International Carbon Registry">
        <div className="flex flex-col gap-4 text-sm text-slate-700">
          {message && <Alert tone="warning">{message}</Alert>}
          <p>{children}</p>
          <ConnectIcrButton returnTo={returnTo} />
        </div>
      </Card>
    </div>
  );
}
