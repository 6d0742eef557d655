import type { ReactNode } from "react";
import { Toaster } from "sonner";

// Toasts are used only on the settings pages; keeping sonner here keeps it out of other pages' bundles.
export default function SettingsLayout({ children }: { children: ReactNode }) {
  return (
    <>
      {children}
      <Toaster position="top-center" richColors />
    </>
  );
}
