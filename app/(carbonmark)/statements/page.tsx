import type { ReactNode } from "react";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { requireUser } from "@/lib/carbonmark/auth/get-session-user";

export const dynamic = "force-dynamic";

const inputClass = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm";

function DateField({ name, label, value }: { name: string; label: string; value?: string }) {
  return (
    <label className="flex-1 text-sm font-medium text-slate-700">
      {label}
      <input type="date" name={name} defaultValue={value} className={inputClass} />
    </label>
  );
}

function Downloads({ testId }: { testId: string }) {
  return (
    <div className="flex flex-wrap gap-2">
      <button type="submit" name="format" value="csv" className={buttonClass("primary")} data-testid={`${testId}-csv`}>
        Download CSV
      </button>
      <button
        type="submit"
        name="format"
        value="json"
        className={buttonClass("secondary")}
        data-testid={`${testId}-json`}
      >
        Download JSON
      </button>
    </div>
  );
}

function StatementForm({ action, children }: { action: string; children: ReactNode }) {
  return (
    <form method="get" action={action} className="flex flex-col gap-3">
      {children}
    </form>
  );
}

// /statements: the signed-in user's statements (CSV or JSON) and retirement report (PDF). Plain GET
// forms: a download works before (and without) any JavaScript.
export default async function StatementsPage() {
  await requireUser("/statements");
  const today = new Date().toISOString().slice(0, 10);
  const yearStart = `${today.slice(0, 4)}-01-01`;
  return (
    <div className="flex flex-col gap-4">
      <div>
        <h1 className="text-3xl font-bold">Statements</h1>
        <p className="mt-1 text-sm text-slate-600">
          Your own records to download, for finance and sustainability reporting. Dates are UTC days, both ends
          included; leave a date empty for no limit. Amounts are exact decimals in tCO₂e, always positive, with a
          direction column. See also your{" "}
          <a className="underline" href="/reconciliation">
            reconciliation
          </a>
          .
        </p>
      </div>
      <div className="grid gap-4 md:grid-cols-2">
        <Card title="Activity">
          <StatementForm action="/api/carbonmark/statements/activity">
            <p className="text-sm text-slate-600">
              Imports, exports and retirements with their state, transaction, block time and ICR request id.
            </p>
            <div className="flex flex-col gap-3 sm:flex-row">
              <DateField name="from" label="From" />
              <DateField name="to" label="To" />
            </div>
            <Downloads testId="activity" />
          </StatementForm>
        </Card>
        <Card title="Holdings at a date">
          <StatementForm action="/api/carbonmark/statements/holdings">
            <p className="text-sm text-slate-600">
              What your wallet held at the end of a day, from the chain&apos;s transfers and their block times.
            </p>
            <DateField name="at" label="At the end of" value={today} />
            <Downloads testId="holdings" />
          </StatementForm>
        </Card>
        <Card title="Retirements">
          <StatementForm action="/api/carbonmark/statements/retirements">
            <p className="text-sm text-slate-600">
              Every retirement in the period with its beneficiary and the registry&apos;s proof link.
            </p>
            <div className="flex flex-col gap-3 sm:flex-row">
              <DateField name="from" label="From" value={yearStart} />
              <DateField name="to" label="To" value={today} />
            </div>
            <Downloads testId="retirements" />
          </StatementForm>
        </Card>
        <Card title="Retirement report (PDF)">
          <StatementForm action="/api/carbonmark/retirement-report">
            <p className="text-sm text-slate-600">
              Totals by project, vintage and beneficiary, each retirement with its proof link, and a chart of tonnes
              retired over time: a document a sustainability report can cite.
            </p>
            <div className="flex flex-col gap-3 sm:flex-row">
              <DateField name="from" label="From" value={yearStart} />
              <DateField name="to" label="To" value={today} />
            </div>
            <div>
              <button type="submit" className={buttonClass("primary")} data-testid="retirement-report">
                Open report
              </button>
            </div>
          </StatementForm>
        </Card>
      </div>
    </div>
  );
}
