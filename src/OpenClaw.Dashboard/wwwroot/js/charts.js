// Thin wrapper over the self-hosted Chart.js (wwwroot/lib/chart.js/chart.umd.js, loaded as window.Chart).
const charts = new WeakMap();

export function render(canvas, config) {
    if (!canvas || !window.Chart) {
        return;
    }
    const existing = charts.get(canvas);
    if (existing) {
        existing.data = config.data;
        existing.options = config.options ?? {};
        existing.update('none');
        return;
    }
    charts.set(canvas, new window.Chart(canvas, { ...config, options: { responsive: true, maintainAspectRatio: false, animation: false, ...(config.options ?? {}) } }));
}

export function destroy(canvas) {
    const chart = canvas && charts.get(canvas);
    if (chart) {
        chart.destroy();
        charts.delete(canvas);
    }
}
