/**
 * The single-letter control escapes that C, JSON and PostgreSQL's E'' strings
 * share. MySQL's set differs (no `\f`; `\0` and `\Z` instead), so its
 * strings do not use this table.
 */
export const CONTROL_ESCAPES: Readonly<Partial<Record<string, string>>> = Object.assign(Object.create(null) as Record<string, string>, {
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
});
