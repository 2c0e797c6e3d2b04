/** Typed domain errors. They are mapped to a plain message once, at the edge (see lib/action-result.ts). */
export class DomainError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  constructor(what = "That record") {
    super(`${what} was not found.`);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = "You do not have permission to do that.") {
    super(message);
  }
}

export class ConflictError extends DomainError {}

export type FieldErrors = Record<string, string>;

export class ValidationError extends DomainError {
  constructor(
    readonly fieldErrors: FieldErrors,
    message?: string,
  ) {
    super(
      message ??
        Object.entries(fieldErrors)
          .map(([field, problem]) => `${field}: ${problem}`)
          .join("; "),
    );
  }
}

export class UnauthenticatedError extends DomainError {
  constructor() {
    super("Please sign in.");
  }
}
