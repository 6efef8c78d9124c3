"""The Analytics admin menu, its reports, and the building blocks every analytics report shares.

Building blocks (typed; other reports reuse them):

* ``presets`` and ``filters``: the date period filter (presets, two-week default, previous
  period, bad dates → form error and the default, never a server error);
* ``figures``: key figures with their change against the previous period (Δ%);
* ``charts``: server-rendered SVG charts with an accessible data table (``wt-chart`` Stimulus
  controller in ``static/wagtail_tracking/js/charts.js`` toggles series from the legend);
* ``spreadsheet``: CSV/XLSX exports that neutralise spreadsheet formulas; ``streamed_export``:
  CSV, XLSX and JSON exports of any number of rows;
* ``views``: the permission-checked base ``AnalyticsReportView`` and the comparison columns
  of ranked lists (this period, previous period, Δ%); ``columns``: number and link columns;
* ``menu``: the "Analytics" submenu; other reports add items with the
  ``register_wagtail_tracking_analytics_menu_item`` hook.

Reports: ``usage`` (page views, downloads, API calls) and ``backoffice`` (how the admin is
used, from the activity log); ``panels`` and ``document_form``: the 30-day usage panels on the
page editor (``UsagePanel``) and the document edit screen (``DocumentUsageForm``).
"""
