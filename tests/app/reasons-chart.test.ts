import { describe, it, expect } from 'vitest';
import { Chart } from '../../src/app/dashboard/charts/register';
import { reasonsConfig } from '../../src/app/dashboard/charts/ReasonsChart';
import type { Reasons } from '../../src/shared/api';

/** A canvas whose 2D context draws nothing: Chart.js still lays out its scales, which is what is checked here. */
function blankCanvas(): HTMLCanvasElement {
  const ctx: Record<string | symbol, unknown> = {};
  const context = new Proxy(ctx, {
    get: (t, k) => (k in t ? t[k] : k === 'measureText' ? () => ({ width: 40, actualBoundingBoxAscent: 10, actualBoundingBoxDescent: 3 }) : () => undefined),
    set: (t, k, v) => { t[k] = v; return true; },
  });
  const canvas = { width: 800, height: 400, style: {}, getContext: () => context } as unknown as HTMLCanvasElement;
  ctx.canvas = canvas;
  return canvas;
}

function reasons(counts: number[]): Reasons {
  return {
    siteId: 'demo', timeZone: 'Asia/Shanghai', from: '2026-11-01', to: '2026-11-01', windowId: null, staffId: null, includeSuspect: false,
    badTotal: counts.reduce((a, b) => a + b, 0),
    reasons: counts.map((n, i) => ({ code: `r${i}`, zh: `原因${i}`, en: `Reason ${i}`, n })),
  };
}

function ticksOf(counts: number[]): number[] {
  const config = reasonsConfig(reasons(counts), 'en');
  const chart = new Chart(blankCanvas(), { ...config, options: { ...config.options, responsive: false } });
  const ticks = chart.scales.x!.ticks.map((t) => t.value);
  chart.destroy();
  return ticks;
}

describe('the reasons chart', () => {
  it('counts a handful of bad reviews on whole-number ticks, never 0.5', () => {
    for (const counts of [[1], [1, 3], [2, 1, 1], [3, 2]]) {
      const ticks = ticksOf(counts);
      expect(ticks.length).toBeGreaterThan(1);
      expect(ticks.every(Number.isInteger)).toBe(true);
      expect(Math.max(...ticks)).toBeGreaterThanOrEqual(Math.max(...counts));
    }
  });

  it('still spreads large counts over a few round ticks', () => {
    const ticks = ticksOf([840, 410, 97]);
    expect(ticks[0]).toBe(0);
    expect(ticks.length).toBeLessThan(15);
    expect(Math.max(...ticks)).toBeGreaterThanOrEqual(840);
  });

  it('names the reasons in the staff language', () => {
    expect(reasonsConfig(reasons([1]), 'en').data.labels).toEqual(['Reason 0']);
    expect(reasonsConfig(reasons([1]), 'zh-CN').data.labels).toEqual(['原因0']);
  });
});
