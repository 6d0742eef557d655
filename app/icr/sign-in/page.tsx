import { redirect } from "next/navigation";
import { Card } from "@/components/ui/card";
import { getIcrUser, safeReturnTo } from "@/lib/registry/auth/session";
import { SignInForm } from "@/app/icr/sign-in/sign-in-form";

export default async function IcrSignInPage({ searchParams }: { searchParams: Promise<{ returnTo?: string }> }) {
  const returnTo = safeReturnTo((await searchParams).returnTo);
  if (await getIcrUser()) redirect(returnTo);
  return (
    <div className="mx-auto max-w-md">
      <Card headingLevel={1} title="Sign in to ICR">
        <p className="mb-4 text-sm text-slate-600">
          Use the username and password of your International Carbon Registry account.
        </p>
        <SignInForm returnTo={returnTo} />
      </Card>
    </div>
  );
}
