import { Card } from "@/components/ui/card";
import { MIN_PASSWORD_LENGTH } from "@/lib/crypto/password";
import { requireIcrUser } from "@/lib/registry/auth/session";
import { ChangePasswordForm } from "@/app/icr/account/change-password-form";

export default async function IcrAccountPage() {
  const user = await requireIcrUser("/icr/account");
  return (
    <div className="mx-auto flex max-w-xl flex-col gap-6">
      <h1 className="text-2xl font-bold">Your account</h1>
      <Card title="Signed in as">
        <p className="break-words font-medium">{user.name}</p>
        <p className="break-words text-sm text-slate-600">{user.email}</p>
      </Card>
      <Card title="Change password">
        <p className="mb-4 text-sm text-slate-600">
          Changing it signs you out everywhere else; this browser stays signed in. We always e-mail you when your
          password changes, whatever your notification settings.
        </p>
        <ChangePasswordForm email={user.email} minLength={MIN_PASSWORD_LENGTH} />
      </Card>
    </div>
  );
}
