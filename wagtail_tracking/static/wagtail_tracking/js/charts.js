/*
 * wt-chart: legend buttons show and hide the series of a server-rendered SVG chart.
 * The chart is readable without this file; Wagtail's Stimulus application connects it to every
 * chart, including those that arrive with AJAX-refreshed report results.
 */
(() => {
  function register() {
    const { Controller } = window.StimulusModule;

    class ChartController extends Controller {
      static targets = ['series'];

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
