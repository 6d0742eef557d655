import type { Config } from "tailwindcss";

// Tailwind 4 reads this through `@config` in app/globals.css.
export default {
  content: ["./app/**/*.{ts,tsx}", "./components/**/*.{ts,tsx}"],
  theme: {
    extend: {
      colors: {
        brand: { DEFAULT: "#0b6e4f", dark: "#084c37", light: "#e6f4ee" },
        icr: { DEFAULT: "#1d4ed8", dark: "#1e3a8a", light: "#eff6ff" },
      },
    },
  },
} satisfies Config;
