/// <reference lib="dom" />
import type { Run } from '@serverless-scheduler/client';
import { h, svg } from './dom.js';
import { between, duration } from './format.js';

const WIDTH = 600;
const HEIGHT = 160;
const PAD = 24;

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

/**
 * A small bar chart of lag and duration over the last runs, drawn as inline SVG (no chart library), with its
 * figures in words for screen readers.
 */
export function runChart(runs: readonly Run[]): HTMLElement {
  const timings = runTimings(runs);
  if (timings.length === 0) return h('p', {}, 'No runs to chart yet.');
  const top = Math.max(1, ...timings.flatMap((t) => [t.lagMs, t.durationMs]));
  const slot = (WIDTH - PAD) / timings.length;
  const bar = Math.max(2, slot / 2 - 2);
  const height = (ms: number) => ((HEIGHT - PAD) * ms) / top;
  const bars = timings.flatMap((t, i) => {
    const x = PAD + i * slot;
    return [
      svg(
        'rect',
        { class: 'lag', x, y: HEIGHT - PAD - height(t.lagMs), width: bar, height: height(t.lagMs) },
        svg('title'),
      ),
      svg('rect', {
        class: 'duration',
        x: x + bar + 1,
        y: HEIGHT - PAD - height(t.durationMs),
        width: bar,
        height: height(t.durationMs),
      }),
    ];
  });
  for (const [index, t] of timings.entries()) {
    const title = bars[index * 2]?.firstChild;
    if (title) title.textContent = `lag ${duration(t.lagMs)}, duration ${duration(t.durationMs)}`;
  }
  const axis = svg('line', { x1: PAD, y1: HEIGHT - PAD, x2: WIDTH, y2: HEIGHT - PAD, stroke: '#4a535e' });
  const label = svg('text', { x: 0, y: 12, 'font-size': 12, fill: '#1b1f24' });
  label.textContent = duration(top);
  const worstLag = Math.max(...timings.map((t) => t.lagMs));
  const worstDuration = Math.max(...timings.map((t) => t.durationMs));
  const summary = `Last ${timings.length} runs: longest fire lag ${duration(worstLag)}, longest duration ${duration(worstDuration)}.`;
  return h(
    'figure',
    { class: 'chart' },
    (() => {
      const chart = svg(
        'svg',
        { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', 'aria-label': summary },
        axis,
        label,
        ...bars,
      );
      return chart as unknown as HTMLElement;
    })(),
    h(
      'figcaption',
      {},
      h(
        'span',
        { class: 'legend' },
        h('span', {}, h('span', { class: 'swatch lag' }), 'fire lag'),
        h('span', {}, h('span', { class: 'swatch duration' }), 'duration'),
      ),
      summary,
    ),
  );
}
