import type { ButtonHTMLAttributes, Ref } from 'react';

export type ButtonVariant = 'primary' | 'quiet' | 'danger' | 'link';

const CLASS: Record<ButtonVariant, string> = { primary: '', quiet: 'button-quiet', danger: 'button-danger', link: 'button-link' };

/**
 * The one button: `variant` picks the look from the design tokens in styles.css. A plain
 * `<button type="button">` underneath; `ref` passes through (React 19), so Radix triggers can use
 * it with `asChild`.
 */
export function Button({ variant = 'primary', className, type = 'button', ref, ...rest }: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: ButtonVariant; ref?: Ref<HTMLButtonElement> }) {
  const classes = [CLASS[variant], className].filter(Boolean).join(' ');
  return <button ref={ref} type={type} className={classes || undefined} {...rest} />;
}
