import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";

const TITLES = {
  used: "This link was already used",
  expired: "This link has expired",
  invalid: "This link is not valid",
};

/** What a used, expired or forged reset link shows instead of the form, with the way to a new link. */
export function ResetLinkProblem({ state, message }: { state: keyof typeof TITLES; message: string }) {
  return (
    <div className="flex flex-col gap-4">
      <Alert tone="danger" title={TITLES[state]}>
        {message}
      </Alert>
      <a href="/icr/forgot-password" className={buttonClass("icr")}>
        Ask for a new link
      </a>
    </div>
  );
}
