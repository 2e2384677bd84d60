/** Draws a Chart.js chart on a canvas and redraws it when its inputs change. */
import { useEffect, useRef } from 'preact/hooks';
import { Chart } from './register';
import type { ChartConfiguration } from 'chart.js';

export function useChart(make: () => ChartConfiguration, deps: unknown[]) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, make());
    return () => chart.destroy();
  }, deps);
  return canvas;
}
