/**
 * Collects positional parameters while a raw SQL statement is assembled: `add` returns the next
 * placeholder (`$n`); policy predicates, which number their own parameters, are built to start at
 * `next` and appended with `append`.
 */
export class Params {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }

  /** The number the next placeholder gets. */
  get next(): number {
    return this.values.length + 1;
  }

  /** Appends the parameters of a predicate built to start at `next`; returns its SQL. */
  append(predicate: { sql: string; params: readonly unknown[] }): string {
    this.values.push(...predicate.params);
    return predicate.sql;
  }
}
