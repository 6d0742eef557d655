// Its own module, so a form that loads the rest of action-result.ts only when it is sent can still
// say "No answer…" when that load fails (the bundler keeps a module whole, not by export).
export const NO_ANSWER_MESSAGE = "No answer from the server. Check your connection and try again.";
