/// <reference lib="dom" />
import type { Run } from '@serverless-scheduler/client';
import { h, svg } from './dom.js';
import { between, duration } from './format.js';

const WIDTH = 600;
const HEIGHT = 90;
/** Room for the scale's label at the left, and for the axis at the bottom. */
const LEFT = 80;
const BOTTOM = 6;
const WIDEST_BAR = 24;

/** Fire lag (start − scheduled time) and duration of each run, milliseconds; oldest first. */
export function runTimings(runs: readonly Run[]): { runId: string; lagMs: number; durationMs: number }[] {
  return runs
    .filter((run) => run.startedAt)
    .map((run) => ({
      runId: run.runId,
      lagMs: Math.max(0, between(run.scheduledTime, run.startedAt) ?? 0),
      durationMs: run.outcome?.durationMs ?? 0,
    }))
    .reverse();
}

/** One measure as bars on its own scale (lag and duration differ by orders of magnitude). */
function strip(name: string, kind: 'lag' | 'duration', values: readonly number[]): SVGElement {
  const top = Math.max(1, ...values);
  const slot = (WIDTH - LEFT) / values.length;
  const bar = Math.min(WIDEST_BAR, Math.max(2, slot - 4));
  const height = (ms: number) => ((HEIGHT - BOTTOM) * ms) / top;
  const bars = values.map((ms, i) => {
    const rect = svg(
      'rect',
      { class: kind, x: LEFT + i * slot, y: HEIGHT - BOTTOM - height(ms), width: bar, height: height(ms) },
      svg('title'),
    );
    (rect.firstChild as SVGElement).textContent = `${name} ${duration(ms)}`;
    return rect;
  });
  const scale = svg('text', { x: 0, y: 14, 'font-size': 13, fill: '#1b1f24' });
  scale.textContent = `${name}`;
  const most = svg('text', { x: 0, y: 32, 'font-size': 13, fill: '#4a535e' });
  most.textContent = `max ${duration(top)}`;
  const axis = svg('line', {
    x1: LEFT,
    y1: HEIGHT - BOTTOM,
    x2: WIDTH,
    y2: HEIGHT - BOTTOM,
    stroke: '#4a535e',
  });
  return svg('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, 'aria-hidden': 'true' }, scale, most, axis, ...bars);
}

/**
 * A small chart of fire lag and duration over the last runs (oldest left), inline SVG with no chart library;
 * its figures are also given in words, which is what screen readers get.
 */
export function runChart(runs: readonly Run[]): HTMLElement {
  const timings = runTimings(runs);
  if (timings.length === 0) return h('p', {}, 'No runs to chart yet.');
  const worstLag = Math.max(...timings.map((t) => t.lagMs));
  const worstDuration = Math.max(...timings.map((t) => t.durationMs));
  const summary = `Last ${timings.length} runs, oldest first: longest fire lag ${duration(worstLag)}, longest duration ${duration(worstDuration)}.`;
  return h(
    'figure',
    { class: 'chart' },
    strip(
      'fire lag',
      'lag',
      timings.map((t) => t.lagMs),
    ) as unknown as HTMLElement,
    strip(
      'duration',
      'duration',
      timings.map((t) => t.durationMs),
    ) as unknown as HTMLElement,
    h('figcaption', {}, summary),
  );
}
