import { useEffect, useRef } from 'react';
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart as ChartJs,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartDataset,
} from 'chart.js';

/**
 * Charts for the insights page, drawn by Chart.js. Only the parts used are registered (bar and line,
 * two scales, legend, tooltip), so the library adds about 60 KB gzipped, and only to the insights
 * page's own chunk: the first screen's budget is untouched. A chart is an image with a label
 * (role="img"); the table beside it carries the figures for screen readers and CSV.
 */
ChartJs.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Tooltip, Legend, Filler);

export const PALETTE = ['#0b6e4f', '#f2c14e', '#5b8def', '#c05640', '#7a5ea8'];

export interface ChartProps {
  kind: 'bar' | 'line';
  /** What the chart shows, in a sentence (its accessible name). */
  label: string;
  labels: string[];
  datasets: { label: string; data: (number | null)[]; color?: string; stack?: string }[];
  /** Horizontal bars (long category names such as departments). */
  horizontal?: boolean;
  /** Values are shares (0-1): axis and tooltips as percentages. */
  percent?: boolean;
  /** Bars of one stack add up (copies and personal posts make 100%). */
  stacked?: boolean;
  locale: string;
  testId?: string;
  height?: number;
}

export function Chart({ kind, label, labels, datasets, horizontal, percent, stacked, locale, testId, height = 240 }: ChartProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  // Redraw only when the figures change, not on every render of the page.
  const key = JSON.stringify([kind, labels, datasets, horizontal, percent, stacked, locale]);
  useEffect(() => {
    if (!canvas.current) return;
    const fmt = new Intl.NumberFormat(locale, percent ? { style: 'percent', maximumFractionDigits: 0 } : { maximumFractionDigits: 1 });
    const value = (v: number | string) => fmt.format(Number(v));
    const valueAxis = { beginAtZero: true, stacked, max: percent && stacked ? 1 : undefined, ticks: { callback: value, precision: percent ? undefined : 0 }, grid: { color: '#e7ebe9' } };
    const categoryAxis = { stacked, grid: { display: false }, ticks: { autoSkip: true, maxRotation: 0 } };
    const chart = new ChartJs(canvas.current, {
      type: kind,
      data: {
        labels,
        datasets: datasets.map((d, i): ChartDataset<'bar' | 'line', (number | null)[]> => {
          const color = d.color ?? PALETTE[i % PALETTE.length];
          return { label: d.label, data: d.data, backgroundColor: kind === 'line' ? `${color}22` : color, borderColor: color, borderWidth: kind === 'line' ? 2.5 : 0, borderRadius: kind === 'bar' ? 4 : 0, fill: kind === 'line', tension: 0.3, cubicInterpolationMode: 'monotone', pointRadius: 3, stack: d.stack } as ChartDataset<'bar' | 'line', (number | null)[]>;
        }),
      },
      options: {
        indexAxis: horizontal ? 'y' : 'x',
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: {
          legend: { display: datasets.length > 1, position: 'bottom', labels: { boxWidth: 12 } },
          tooltip: { callbacks: { label: (ctx) => `${ctx.dataset.label}: ${value((horizontal ? ctx.parsed.x : ctx.parsed.y) ?? 0)}` } },
        },
        scales: horizontal ? { x: valueAxis, y: categoryAxis } : { x: categoryAxis, y: valueAxis },
      },
    });
    return () => chart.destroy();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return (
    <div className="chart" style={{ height }}>
      <canvas ref={canvas} role="img" aria-label={label} data-testid={testId} />
    </div>
  );
}
