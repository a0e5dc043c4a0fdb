/**
 * CSV injection (OWASP): a cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return runs
 * as a formula when a spreadsheet opens the file (some also take it after leading spaces, or in its
 * full-width form). The shop's exports prefix such a cell with `'`, which spreadsheets show as text;
 * a cell that already begins with quotes before such a character is prefixed too, so the import can
 * take exactly one quote off and read back what was exported.
 * A module of its own, without zod, shared by the admin app's exports and the catalog import.
 */
export const formulaLike = /^'*\s*[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** An imported cell with the export's escape taken off. */
export const unescapeFormula = (cell: string) =>
  cell.startsWith("'") && formulaLike.test(cell) ? cell.slice(1) : cell;
