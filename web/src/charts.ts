// The market's charts, drawn with uPlot (a small canvas chart library).

import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { h } from './dom';

const BLUE = '#355fd6';
const GREEN = '#1f9d63';
const ORANGE = '#d9822b';

const bars = uPlot.paths.bars!({ size: [0.7, 28], align: 0 });

/** A chart in a card: the title, a canvas, and a caption when there is nothing to plot. */
function card(title: string, testid: string): { el: HTMLElement; plot: HTMLElement; note: HTMLElement } {
  const plot = h('div', { class: 'plot' });
  const note = h('div', { class: 'muted small' });
  const el = h('figure', { class: 'chart', dataset: { testid } }, h('figcaption', null, title), plot, note);
  return { el, plot, note };
}

function width(el: HTMLElement): number {
  return Math.max(240, Math.floor(el.clientWidth - 24));
}

function draw(parts: { el: HTMLElement; plot: HTMLElement }, options: Omit<uPlot.Options, 'width' | 'height'>, data: uPlot.AlignedData): void {
  // Drawn once the card is in the page, so that it knows its width.
  requestAnimationFrame(() => {
    parts.plot.replaceChildren();
    new uPlot({ ...options, width: width(parts.el), height: 170 }, data, parts.plot);
  });
}

const WHOLE = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000];
const blockAxis: uPlot.Axis = { label: 'block', labelSize: 18, size: 32, stroke: '#555', incrs: WHOLE };

/** Requests submitted per block, over the blocks `from..=to`. */
export function requestsPerBlock(submittedAt: number[], from: number, to: number): HTMLElement {
  const parts = card('Requests submitted per block', 'chart-requests');
  const blocks: number[] = [];
  const counts: number[] = [];
  const byBlock = new Map<number, number>();
  for (const b of submittedAt) byBlock.set(b, (byBlock.get(b) ?? 0) + 1);
  for (let b = Math.max(1, from); b <= to; b += 1) {
    blocks.push(b);
    counts.push(byBlock.get(b) ?? 0);
  }
  parts.note.textContent = `${submittedAt.length} request(s) in blocks ${from}–${to}`;
  draw(
    parts,
    {
      legend: { show: false },
      scales: { x: { time: false }, y: { range: (_u, _min, max) => [0, Math.max(2, max)] } },
      axes: [blockAxis, { label: 'requests', labelSize: 18, size: 40, stroke: '#555', incrs: WHOLE }],
      series: [{}, { label: 'requests', stroke: BLUE, fill: 'rgba(53,95,214,0.35)', paths: bars, points: { show: false } }],
    },
    [blocks, counts],
  );
  return parts.el;
}

/** Price paid per work unit (in PROVA) of each fulfilled request, by the block it settled in. */
export function pricePerUnit(points: { block: number; price: number }[]): HTMLElement {
  const parts = card('Price per work unit paid (PROVA)', 'chart-price');
  const sorted = [...points].sort((a, b) => a.block - b.block);
  // One point per block: the mean of the block's settlements.
  const byBlock = new Map<number, number[]>();
  for (const p of sorted) byBlock.set(p.block, [...(byBlock.get(p.block) ?? []), p.price]);
  const xs = [...byBlock.keys()];
  const ys = xs.map((b) => byBlock.get(b)!.reduce((s, v) => s + v, 0) / byBlock.get(b)!.length);
  parts.note.textContent = points.length ? `${points.length} settlement(s)` : 'no settlement yet';
  draw(
    parts,
    {
      legend: { show: false },
      scales: { x: { time: false }, y: { range: (_u, min, max) => [0, Math.max(max * 1.25, min + 1e-6)] } },
      axes: [blockAxis, { label: 'PROVA / unit', labelSize: 18, size: 56, stroke: '#555' }],
      series: [{}, { label: 'price', stroke: GREEN, width: 2, points: { show: true, size: 7, fill: GREEN } }],
    },
    [xs, ys],
  );
  return parts.el;
}

/** How many fulfilled requests took each number of blocks from submission to settlement. */
export function latencyDistribution(latencies: number[], blockMs: number): HTMLElement {
  const parts = card('Latency, submission to settlement', 'chart-latency');
  const max = latencies.length ? Math.max(...latencies) : 0;
  const xs: number[] = [];
  const ys: number[] = [];
  for (let b = 0; b <= Math.max(max, 5); b += 1) {
    xs.push(b);
    ys.push(latencies.filter((l) => l === b).length);
  }
  if (latencies.length) {
    const sorted = [...latencies].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)];
    parts.note.textContent = `median ${median} blocks (${Math.round((median * blockMs) / 1000)} s) over ${latencies.length} request(s)`;
  } else {
    parts.note.textContent = 'no settlement yet';
  }
  draw(
    parts,
    {
      legend: { show: false },
      scales: { x: { time: false }, y: { range: (_u, _min, max) => [0, Math.max(2, max)] } },
      axes: [
        { label: 'blocks', labelSize: 18, size: 32, stroke: '#555', incrs: WHOLE },
        { label: 'requests', labelSize: 18, size: 40, stroke: '#555', incrs: WHOLE },
      ],
      series: [{}, { label: 'requests', stroke: ORANGE, fill: 'rgba(217,130,43,0.4)', paths: bars, points: { show: false } }],
    },
    [xs, ys],
  );
  return parts.el;
}
