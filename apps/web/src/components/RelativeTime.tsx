import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';

/** One timer for every time on screen: re-render once a minute so "5 min. geleden" stays true. */
const listeners = new Set<() => void>();
let timer: number | undefined;
function useMinuteTick(): void {
  const [, setTick] = useState(0);
  useEffect(() => {
    const fn = () => setTick((n) => n + 1);
    listeners.add(fn);
    timer ??= window.setInterval(() => listeners.forEach((l) => l()), 60_000);
    return () => {
      listeners.delete(fn);
      if (!listeners.size && timer !== undefined) {
        window.clearInterval(timer);
        timer = undefined;
      }
    };
  }, []);
}

const DAY = 86_400_000;
const startOfDay = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();

/**
 * A time as people say it: "zojuist", "5 min. geleden", "3 uur geleden", "gisteren 14:02", "3 dec. 14:02",
 * "3 dec. 2025"; the full date and time on hover and in `<time datetime>` for machines.
 */
export function RelativeTime({ value, className }: { value: string | Date; className?: string }) {
  const intl = useIntl();
  useMinuteTick();
  const date = new Date(value);
  const now = new Date();
  const ms = now.getTime() - date.getTime();
  const time = intl.formatTime(date, { hour: '2-digit', minute: '2-digit' });
  let text: string;
  if (ms < 45_000) text = intl.formatRelativeTime(0, 'second', { numeric: 'auto' });
  else if (ms < 3_600_000) text = intl.formatRelativeTime(-Math.max(1, Math.round(ms / 60_000)), 'minute', { style: 'short' });
  else if (startOfDay(date) === startOfDay(now)) text = intl.formatRelativeTime(-Math.round(ms / 3_600_000), 'hour', { style: 'short' });
  else if (startOfDay(now) - startOfDay(date) <= DAY * 1.5) text = `${intl.formatRelativeTime(-1, 'day', { numeric: 'auto' })} ${time}`;
  else if (date.getFullYear() === now.getFullYear()) text = `${intl.formatDate(date, { day: 'numeric', month: 'short' })} ${time}`;
  else text = intl.formatDate(date, { day: 'numeric', month: 'short', year: 'numeric' });
  return (
    <time className={className} dateTime={date.toISOString()} title={intl.formatDate(date, { dateStyle: 'full', timeStyle: 'short' })}>
      {text}
    </time>
  );
}
