/**
 * The header's sign-out: a plain form posting to a server action (passed in by the layout), so it
 * works before and without JavaScript and ships no client component to every page.
 */
export function SignOutButton({ action }: { action: () => Promise<void> }) {
  return (
    <form action={action}>
      <button type="submit" className="text-sm text-slate-600 hover:text-slate-900">
        Sign out
      </button>
    </form>
  );
}
