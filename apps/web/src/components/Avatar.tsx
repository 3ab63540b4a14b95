import { initials } from '../lib/names.js';

/** A face when there is a photo, initials otherwise (decorative: the name is always next to it). */
export function Avatar({ name, url, size = 'normal' }: { name: string; url?: string | null; size?: 'normal' | 'large' }) {
  const cls = size === 'large' ? 'avatar avatar-large' : 'avatar';
  if (url) return <img className={cls} src={url} alt="" width={size === 'large' ? 72 : 40} height={size === 'large' ? 72 : 40} loading="lazy" />;
  return (
    <div className={cls} aria-hidden="true">
      {initials(name)}
    </div>
  );
}
