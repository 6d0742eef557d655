// Typed query-key factories for react-query; never inline strings.
export const portfolioKeys = {
  all: ["portfolio"] as const,
  detail: () => [...portfolioKeys.all, "detail"] as const,
};
