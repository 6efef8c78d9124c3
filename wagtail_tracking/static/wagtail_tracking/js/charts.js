/*
 * wt-chart: the behaviour of a server-rendered SVG chart.
 *
 * - Legend buttons show and hide series; the remaining ones are re-stacked and the scale is
 *   chosen again for them (whole-number, round steps, as reports/charts/plot.py does).
 * - Hovering or focusing a bar or point shows its value and date. The chart is one tab stop;
 *   the arrow keys, Home and End move between its points.
 *
 * The chart is readable without this file (its data table lists every value); Wagtail's
 * Stimulus application connects it to every chart, including AJAX-refreshed report results.
 */
(() => {
  const SVG = 'http://www.w3.org/2000/svg';
  const MAX_INTERVALS = 5;
  /** The smallest label size on screen, in CSS pixels. */
  const MIN_LABEL_PX = 11.5;

  /** The same step as plot.nice_step(): whole 1, 2, 2.5 or 5 × 10ⁿ, at most five steps. */
  function niceStep(value) {
    if (value <= 4) return 1;
    for (let magnitude = 1; ; magnitude *= 10) {
      for (const factor of [1, 2, 2.5, 5]) {
        const step = factor * magnitude;
        if (Number.isInteger(step) && Math.ceil(value / step) <= MAX_INTERVALS) return step;
      }
    }
  }

  function niceCeiling(value) {
    if (value <= 4) return 4;
    const step = niceStep(value);
    return Math.ceil(value / step) * step;
  }

  const round = (value) => Math.round(value * 10) / 10;

  function register() {
    const { Controller } = window.StimulusModule;

    class ChartController extends Controller {
      static targets = ['series', 'plot', 'scale', 'tooltip'];

      connect() {
        const first = this.points()[0];
        if (first) first.setAttribute('tabindex', '0');
        this.format = new Intl.NumberFormat(document.documentElement.lang || undefined);
        if (this.hasPlotTarget && window.ResizeObserver) {
          this.resizer = new ResizeObserver(() => this.fitLabels());
          this.resizer.observe(this.plotTarget);
        }
      }

      disconnect() {
        if (this.resizer) this.resizer.disconnect();
      }

      /** Keep labels readable on a small chart: larger in the drawing's units, fewer of them. */
      fitLabels() {
        const svg = this.plotTarget;
        const shown = svg.getBoundingClientRect().width;
        if (!shown) return;
        const ratio = svg.viewBox.baseVal.width / shown;
        this.element.style.setProperty('--wt-tick-size', `${Math.max(11, MIN_LABEL_PX * ratio)}px`);
        this.element.toggleAttribute('data-narrow', ratio > 1.5);
      }

      toggle(event) {
        const button = event.currentTarget;
        const key = event.params.series;
        const show = button.getAttribute('aria-pressed') !== 'true';
        button.setAttribute('aria-pressed', String(show));
        this.seriesTargets
          .filter((element) => element.dataset.series === key)
          .forEach((element) => {
            element.classList.toggle('wt-chart__series--hidden', !show);
          });
        this.rescale();
        this.hideTooltip();
        const points = this.points();
        points.forEach((point, index) => {
          point.setAttribute('tabindex', index === 0 ? '0' : '-1');
        });
      }

      visibleSeries() {
        return this.seriesTargets.filter(
          (element) => !element.classList.contains('wt-chart__series--hidden'),
        );
      }

      /** Redraw the visible series on a scale chosen for them. */
      rescale() {
        if (!this.hasPlotTarget) return;
        const plot = this.plotTarget.dataset;
        const from = Number(plot.scaleFrom);
        const to = Number(plot.scaleTo);
        const series = this.visibleSeries();
        if (plot.layout === 'lines') {
          const values = series.flatMap((group) =>
            group.querySelector('polyline').dataset.values.split(' ').map(Number),
          );
          const max = niceCeiling(Math.max(0, ...values));
          const y = (value) => round(from - ((from - to) * value) / max);
          series.forEach((group) => this.redrawLine(group, y));
          this.drawScale(max, y);
          return;
        }
        const totals = [];
        series.forEach((group) =>
          group.querySelectorAll('[data-value]').forEach((bar) => {
            const index = Number(bar.dataset.index);
            totals[index] = (totals[index] || 0) + Number(bar.dataset.value);
          }),
        );
        const max = niceCeiling(Math.max(0, ...totals.filter(Boolean)));
        const scale = (to - from) / max; // negative for vertical bars: up the screen
        const ends = [];
        series.forEach((group) =>
          group.querySelectorAll('[data-value]').forEach((bar) => {
            const index = Number(bar.dataset.index);
            const start = ends[index] ?? from;
            const end = start + Number(bar.dataset.value) * scale;
            ends[index] = end;
            const [position, size] = plot.layout === 'bars' ? ['y', 'height'] : ['x', 'width'];
            bar.setAttribute(position, round(Math.min(start, end)));
            bar.setAttribute(size, round(Math.abs(end - start)));
          }),
        );
        this.drawScale(max, (value) => round(from + value * scale));
      }

      redrawLine(group, y) {
        const line = group.querySelector('polyline');
        const values = line.dataset.values.split(' ').map(Number);
        const xs = line
          .getAttribute('points')
          .split(' ')
          .map((pair) => pair.split(',')[0]);
        line.setAttribute('points', xs.map((x, i) => `${x},${y(values[i])}`).join(' '));
        group.querySelectorAll('circle[data-value]').forEach((dot) => {
          dot.setAttribute('cy', y(Number(dot.dataset.value)));
        });
      }

      /** Gridlines (vertical scales) or value labels (horizontal bars) for 0 to ``max``. */
      drawScale(max, position) {
        if (!this.hasScaleTarget) return;
        const plot = this.plotTarget.dataset;
        const step = niceStep(max);
        const scale = this.scaleTarget;
        scale.replaceChildren();
        for (let value = 0; value <= max; value += step) {
          const at = position(value);
          const label = document.createElementNS(SVG, 'text');
          label.setAttribute('class', 'wt-chart__tick');
          label.textContent = this.format.format(value);
          if (plot.layout === 'hbars') {
            label.setAttribute('x', at);
            label.setAttribute('y', plot.labelsY);
            label.setAttribute('text-anchor', 'middle');
          } else {
            const line = document.createElementNS(SVG, 'line');
            line.setAttribute('class', 'wt-chart__grid');
            line.setAttribute('x1', plot.gridFrom);
            line.setAttribute('x2', plot.gridTo);
            line.setAttribute('y1', at);
            line.setAttribute('y2', at);
            scale.append(line);
            label.setAttribute('x', Number(plot.gridFrom) - 6);
            label.setAttribute('y', at);
            label.setAttribute('dy', '4');
            label.setAttribute('text-anchor', 'end');
          }
          scale.append(label);
        }
      }

      /** The visible bars or points, in reading order: by day or category, then by series. */
      points() {
        return this.visibleSeries()
          .flatMap((group) => [...group.querySelectorAll('[data-wt-chart-point]')])
          .sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index));
      }

      move(event) {
        const points = this.points();
        const current = points.indexOf(event.target);
        if (current < 0) return;
        const next = {
          ArrowRight: current + 1,
          ArrowDown: current + 1,
          ArrowLeft: current - 1,
          ArrowUp: current - 1,
          Home: 0,
          End: points.length - 1,
        }[event.key];
        if (next === undefined) {
          if (event.key === 'Escape') this.hideTooltip();
          return;
        }
        event.preventDefault();
        const target = points[Math.max(0, Math.min(points.length - 1, next))];
        event.target.setAttribute('tabindex', '-1');
        target.setAttribute('tabindex', '0');
        target.focus();
      }

      showTooltip(event) {
        const point = event.target.closest('[data-wt-chart-point]');
        if (!point || !this.hasTooltipTarget) return;
        const tooltip = this.tooltipTarget;
        tooltip.textContent = point.getAttribute('aria-label');
        tooltip.hidden = false;
        const box = point.getBoundingClientRect();
        const frame = this.element.getBoundingClientRect();
        const left = box.left + box.width / 2 - frame.left;
        const maxLeft = frame.width - tooltip.offsetWidth;
        tooltip.style.left = `${Math.max(0, Math.min(maxLeft, left - tooltip.offsetWidth / 2))}px`;
        tooltip.style.top = `${box.top - frame.top - tooltip.offsetHeight - 6}px`;
      }

      hideTooltip() {
        if (this.hasTooltipTarget) this.tooltipTarget.hidden = true;
      }
    }

    window.wagtail.app.register('wt-chart', ChartController);
  }

  if (window.wagtail && window.wagtail.app && window.StimulusModule) {
    register();
  } else {
    document.addEventListener('DOMContentLoaded', register, { once: true });
  }
})();
