// `const echarts = await loadECharts(); echarts.init(element)`: ECharts in its own chunk.
export type ECharts = typeof import("./echarts-setup").default;

export async function loadECharts(): Promise<ECharts> {
  return (await import("./echarts-setup")).default;
}
