import { Card } from "@/components/ui/card";
import { requireUser } from "@/lib/carbonmark/auth/get-session-user";
import { getMailPreferences } from "@/lib/carbonmark/mail/mail-preferences";
import { NotificationToggles } from "./notification-toggles";

export const dynamic = "force-dynamic";

// /settings/notifications: which e-mails the user gets.
export default async function NotificationSettingsPage() {
  const user = await requireUser("/settings/notifications");
  const preferences = await getMailPreferences(user.id);
  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-4">
      <h1 className="text-3xl font-bold">Notifications</h1>
      <Card title="E-mail">
        <p className="mb-1 text-sm text-slate-600">
          We write to <strong className="text-slate-900">{user.email}</strong> when something happens to your credits.
          Each kind can be turned off; changes apply to the next e-mail.
        </p>
        <NotificationToggles initial={preferences} />
      </Card>
    </div>
  );
}
