import { createElement as h } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormFields } from "@/components/ui/form-fields";
import { PinField } from "@/components/carbonmark/pin-field";

// What a person gets before the page's JavaScript has loaded: the server HTML.
describe("before hydration", () => {
  it("a form's fields are disabled, so nothing typed can be lost", () => {
    const html = renderToString(
      h("form", null, h(FormFields, null, h(Field, { label: "Quantity", name: "quantity" }))),
    );
    expect(html).toMatch(/<fieldset[^>]* disabled=""/);
    expect(html).toContain('aria-busy="true"');
  });

  it("a button is disabled, so a click cannot be lost", () => {
    expect(renderToString(h(Button, null, "Next"))).toMatch(/<button[^>]* disabled=""/);
  });
});

describe("the PIN field", () => {
  it("is labelled, numeric, not autofilled and says it takes 6 digits", () => {
    const html = renderToString(h(PinField, { label: "PIN", name: "pin" }));
    expect(html).toContain('<label for="pin"');
    expect(html).toContain('inputMode="numeric"');
    expect(html).toContain('autoComplete="off"');
    expect(html).toContain('aria-describedby="pin-hint"');
    expect(html).toMatch(/id="pin-hint"[^>]*>6 digits</);
  });

  it("announces its error and ties it to the field", () => {
    const html = renderToString(h(PinField, { label: "PIN", name: "pin", error: "Wrong PIN" }));
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain('aria-describedby="pin-error"');
    expect(html).toMatch(/id="pin-error" role="alert"[^>]*>Wrong PIN</);
  });
});
