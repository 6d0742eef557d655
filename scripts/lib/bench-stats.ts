// Shared by the benchmark sections (scripts/bench*.ts): percentiles and loopback latency sampling.

/** The p-th percentile (0–100) of `xs`. */
export const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

/** `clients` loopback clients each GETting `url` `perClient` times; every answer's latency in ms. */
export async function latencies(
  url: string,
  headers: Record<string, string>,
  clients: number,
  perClient: number,
): Promise<number[]> {
  const times: number[] = [];
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let i = 0; i < perClient; i++) {
        const t = performance.now();
        const res = await fetch(url, { headers });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
        times.push(performance.now() - t);
      }
    }),
  );
  return times;
}

/** A throwaway organization holding 1000 credits of a new project, and an admin of it (names unique by `label`). */
export async function benchOrgWithCredits(label: string) {
  const { ensureIcrUser, ensureIssuance, ensureOrganization, ensureProject } =
    await import("../../lib/seed/registry-factories.ts");
  const org = await ensureOrganization({ fullName: `Bench ${label}`, countryCode: "IS", type: "broker" });
  const project = await ensureProject({ num: `BENCH-${label}`, fullName: "Bench project", countryCode: "IS" });
  const credit = await ensureIssuance({
    project,
    tokenId: 1,
    vintage: "2024",
    amount: "1000",
    holder: org.addresses[0].address,
  });
  const admin = await ensureIcrUser({
    email: `bench-${label}@icr.test`,
    name: "Bench",
    password: "bench-pass-1",
    memberships: [{ organizationId: org.id, role: "admin" }],
  });
  return { org, project, credit, admin };
}
