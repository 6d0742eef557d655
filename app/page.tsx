// Plain <a> links, not next/link (~3.3 kB gzip): a signed-out page stays within 8 kB of the framework's
// own JavaScript (docs/carbonmark.md, "First-load JavaScript").

export default function LandingPage() {
  return (
    <main className="mx-auto flex max-w-3xl flex-col gap-8 px-6 py-16">
      <header className="flex flex-col gap-3">
        <p className="text-sm font-semibold uppercase tracking-wide text-brand">Carbonmark</p>
        <h1 className="text-4xl font-bold">Bring your ICR credits to Carbonmark</h1>
        <p className="text-lg text-slate-600">
          Connect your International Carbon Registry organization, import credits into your Carbonmark wallet once an
          organization admin accepts the request, and export them back whenever you need to.
        </p>
      </header>
      <div className="flex flex-col gap-3">
        <div className="flex flex-wrap items-center gap-3">
          <a
            href="/sign-up"
            className="rounded-md bg-brand px-6 py-3 text-lg font-semibold text-white shadow-sm hover:bg-brand-dark"
            data-testid="sign-up-cta"
          >
            Create your free account
          </a>
          <a
            href="/portfolio"
            className="rounded-md border border-slate-300 bg-white px-5 py-3 font-semibold text-slate-800 hover:bg-slate-50"
          >
            Open your portfolio
          </a>
        </div>
        <p className="text-sm text-slate-600">
          Already have an account?{" "}
          <a href="/sign-in" className="font-semibold text-brand underline">
            Sign in
          </a>
          . Managing an ICR organization?{" "}
          <a href="/icr" className="font-semibold text-icr underline">
            ICR registry sandbox
          </a>
        </p>
      </div>
      <section className="grid gap-4 sm:grid-cols-3">
        {[
          [
            "1. Connect",
            "Install the Carbonmark app on your ICR organization. It can read and request, never move credits alone.",
          ],
          ["2. Import", "Pick an asset and a quantity. An organization admin accepts the request on ICR."],
          ["3. Export", "Send credits back to your ICR organization, confirmed with your PIN."],
        ].map(([title, body]) => (
          <div key={title} className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 className="font-semibold">{title}</h2>
            <p className="mt-1 text-sm text-slate-600">{body}</p>
          </div>
        ))}
      </section>
      <footer className="text-sm text-slate-500">
        System status:{" "}
        <a className="underline" href="/api/health">
          /api/health
        </a>
      </footer>
    </main>
  );
}
