/**
 * A text cell a spreadsheet shows as text: one that starts with = + - @ tab or carriage return
 * (which Excel, LibreOffice and Google Sheets read as a formula) gets a leading apostrophe, so a
 * beneficiary named `=HYPERLINK("http://x","y")` is shown, never run. Amounts are unsigned and
 * dates start with a digit, so no real value of ours is changed.
 */
export function inertCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
