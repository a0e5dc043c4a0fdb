import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartType,
  DoughnutController,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from "chart.js";
import { createEffect, For, on, onCleanup, onMount } from "solid-js";

Chart.register(
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  DoughnutController,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
);

export const palette = ["#4f46e5", "#0d9488", "#d97706", "#db2777", "#2563eb", "#65a30d", "#9333ea", "#dc2626"];

export interface Series {
  label: string;
  data: number[];
  /** Drawn as a line over the bars (a second measure), on its own axis. */
  line?: boolean;
}

/**
 * A chart.js chart that redraws when its data changes, with the same numbers as a table for
 * people who cannot see it (and for a quick exact read).
 */
export function ChartView(props: {
  type: "bar" | "doughnut";
  title: string;
  labels: string[];
  series: Series[];
  format?: (value: number) => string;
  horizontal?: boolean;
  height?: number;
  testid?: string;
}) {
  let canvas: HTMLCanvasElement | undefined;
  let chart: Chart | undefined;
  const format = (value: number) => (props.format ? props.format(value) : String(value));
  const reduceMotion = () => window.matchMedia?.("(prefers-reduced-motion: reduce)").matches ?? false;

  const datasets = () =>
    props.series.map((series, index) => ({
      type: (series.line ? "line" : props.type) as ChartType,
      label: series.label,
      data: series.data,
      yAxisID: series.line ? "y2" : "y",
      backgroundColor:
        props.type === "doughnut" ? props.labels.map((_, i) => palette[i % palette.length]) : palette[index],
      borderColor: props.type === "doughnut" ? "#fff" : palette[index],
      borderWidth: series.line ? 2 : 1,
      maxBarThickness: 48,
      pointRadius: series.line ? 2 : 0,
    }));

  onMount(() => {
    if (!canvas) return;
    const bar = props.type === "bar";
    const hasLine = props.series.some((series) => series.line);
    chart = new Chart(canvas, {
      type: props.type,
      data: { labels: props.labels, datasets: datasets() as never },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: reduceMotion() ? false : { duration: 300 },
        indexAxis: props.horizontal ? "y" : "x",
        plugins: {
          legend: { display: props.type === "doughnut" || props.series.length > 1, position: "bottom" },
          tooltip: {
            callbacks: {
              label: (item) =>
                `${item.dataset.label ?? ""}: ${item.dataset.yAxisID === "y2" ? item.raw : format(Number(item.raw))}`,
            },
          },
        },
        scales: bar
          ? {
              [props.horizontal ? "x" : "y"]: {
                beginAtZero: true,
                ticks: { callback: (value: string | number) => format(Number(value)) },
              },
              ...(hasLine ? { y2: { beginAtZero: true, position: "right", grid: { drawOnChartArea: false } } } : {}),
            }
          : {},
      },
    });
    onCleanup(() => chart?.destroy());
  });

  createEffect(
    on(
      () => [props.labels, props.series] as const,
      () => {
        if (!chart) return;
        chart.data.labels = props.labels;
        chart.data.datasets = datasets() as never;
        chart.update();
      },
      { defer: true },
    ),
  );

  return (
    <figure class="a-chart" data-testid={props.testid}>
      <figcaption>{props.title}</figcaption>
      <div class="a-chart-canvas" style={{ height: `${props.height ?? 240}px` }}>
        <canvas ref={canvas} role="img" aria-label={`${props.title} (chart; the numbers follow as a table)`} />
      </div>
      <details class="a-chart-data">
        <summary>Show the numbers</summary>
        <div class="a-table-scroll">
          <table class="a-table a-compact">
            <thead>
              <tr>
                <th scope="col">{props.type === "doughnut" ? "Group" : "Label"}</th>
                <For each={props.series}>{(series) => <th scope="col">{series.label}</th>}</For>
              </tr>
            </thead>
            <tbody>
              <For each={props.labels}>
                {(label, index) => (
                  <tr>
                    <th scope="row">{label}</th>
                    <For each={props.series}>
                      {(series) => <td>{series.line ? series.data[index()] : format(series.data[index()] ?? 0)}</td>}
                    </For>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
