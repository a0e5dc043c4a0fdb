/**
 * CSV injection (OWASP): a cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return runs
 * as a formula when a spreadsheet opens the file. The shop's exports prefix such a cell with `'`,
 * which spreadsheets show as text; a cell that already begins with quotes before such a character is
 * prefixed too, so the import can take exactly one quote off and read back what was exported.
 * A module of its own, without zod, shared by the admin app's exports and the catalog import.
 */
export const formulaLike = /^'*[=+\-@\t\r]/;

/** An imported cell with the export's escape taken off. */
export const unescapeFormula = (cell: string) =>
  cell.startsWith("'") && formulaLike.test(cell) ? cell.slice(1) : cell;
