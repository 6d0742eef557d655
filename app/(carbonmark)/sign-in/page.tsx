import { redirect } from "next/navigation";
import { Card } from "@/components/ui/card";
import { getSessionUser } from "@/lib/carbonmark/auth/get-session-user";
import { safeRedirectPath } from "@/lib/carbonmark/safe-redirect";
import { SignInForm } from "./sign-in-form";

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const callbackUrl = safeRedirectPath((await searchParams).callbackUrl);
  if (await getSessionUser()) redirect(callbackUrl);
  return (
    <div className="mx-auto max-w-md">
      <Card headingLevel={1} title={<span className="text-xl">Sign in to Carbonmark</span>}>
        <SignInForm callbackUrl={callbackUrl} />
      </Card>
    </div>
  );
}
