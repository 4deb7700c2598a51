import type { z } from 'zod';

/** Field name (dotted path) to the first message for that field. */
export type FieldErrors = Record<string, string>;

/** Thrown by repository functions when input fails validation; nothing has been written. */
export class ValidationError extends Error {
  readonly fieldErrors: FieldErrors;

  constructor(fieldErrors: FieldErrors, message = 'Some answers need checking.') {
    super(message);
    this.name = 'ValidationError';
    this.fieldErrors = fieldErrors;
  }
}

/** Turns zod issues into one message per field, keyed by the dotted path ("ratings.0.score"). */
export function toFieldErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || '_form';
    errors[key] ??= issue.message;
  }
  return errors;
}

/** Parses with a schema, throwing a ValidationError with per-field messages on failure. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new ValidationError(toFieldErrors(result.error));
  return result.data;
}
