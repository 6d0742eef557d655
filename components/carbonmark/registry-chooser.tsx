"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Form } from "@/components/ui/form-fields";
import clsx from "clsx";

// Registries Carbonmark can move credits with. Adding one is one entry here plus its flow.
const REGISTRIES = [
  {
    id: "icr",
    name: "International Carbon Registry",
    description: "ICR: connect your organization with the Carbonmark app.",
  },
] as const;

export function RegistryChooser({ basePath }: { basePath: "/import" | "/export" }) {
  const router = useRouter();
  const [selected, setSelected] = useState<string>();
  return (
    <Form
      className="flex flex-col gap-4"
      onSubmit={(e) => {
        e.preventDefault();
        if (selected) router.push(`${basePath}/${selected}`);
      }}
    >
      <fieldset className="flex flex-col gap-3">
        <legend className="mb-2 text-sm font-medium text-slate-700">Select a registry</legend>
        {REGISTRIES.map((r) => (
          <label
            key={r.id}
            className={clsx(
              "flex cursor-pointer items-start gap-3 rounded-lg border p-4",
              selected === r.id ? "border-brand bg-brand-light" : "border-slate-200 bg-white hover:bg-slate-50",
            )}
          >
            <input
              type="radio"
              name="registry"
              value={r.id}
              className="mt-1"
              checked={selected === r.id}
              onChange={() => setSelected(r.id)}
            />
            <span>
              <span className="block font-semibold">{r.name}</span>
              <span className="block text-sm text-slate-600">{r.description}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <div>
        <Button type="submit" disabled={!selected}>
          Next
        </Button>
      </div>
    </Form>
  );
}
