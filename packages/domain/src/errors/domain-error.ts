/**
 * Every rule the domain enforces fails with a DomainError subclass carrying a stable `code`. The HTTP layer maps
 * codes to statuses in one table; embedders can switch on `code` without parsing messages.
 * `field` names the offending input (a JSON-pointer-like path such as `/amount`) when there is one.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  readonly field: string | undefined;

  constructor(message: string, field?: string) {
    super(message);
    this.name = new.target.name;
    this.field = field;
  }
}
