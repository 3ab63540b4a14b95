import { useEffect, useRef, type RefObject } from 'react';
import { isAbout, type FormError } from '../lib/forms.js';

/** The server's validation message under the input it is about; pair with aria-describedby. */
export function FieldError({ id, error, field }: { id: string; error: FormError | null; field: string }) {
  if (!isAbout(error, field)) return null;
  return (
    <p id={id} className="error small field-error">
      {error?.message}
    </p>
  );
}

/** A form-level error that is not about one field (or names a field the form has no input for). */
export function FormAlert({ error, fields }: { error: FormError | null; fields: string[] }) {
  if (!error || fields.some((f) => isAbout(error, f))) return null;
  return (
    <p className="error" role="alert">
      {error.message}
    </p>
  );
}

/**
 * Moves focus to the first input the server's error is about, so keyboard and screen-reader users
 * land on it and hear its message (the input's aria-describedby points at the message).
 */
export function useFocusInvalid(error: FormError | null): RefObject<HTMLFormElement | null> {
  const ref = useRef<HTMLFormElement | null>(null);
  useEffect(() => {
    if (error?.field) ref.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [error]);
  return ref;
}
