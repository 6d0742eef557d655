/**
 * Where focus goes when a form or dialog becomes usable again (hydrated, or a submission answered):
 * the field the answer marks wrong, else the field marked `data-autofocus`, else `fallback`.
 */
export function focusFirst(container: HTMLElement | null, fallback?: HTMLElement): void {
  (
    container?.querySelector<HTMLElement>('[aria-invalid="true"]') ??
    container?.querySelector<HTMLElement>("[data-autofocus]") ??
    fallback
  )?.focus();
}
