"""The Analytics admin menu and the building blocks every analytics report shares.

* ``presets`` and ``filters``: the date period filter (presets, two-week default, previous
  period, bad dates → form error and the default, never a server error);
* ``figures``: key figures with their change against the previous period (Δ%);
* ``charts``: server-rendered SVG charts with an accessible data table (``wt-chart`` Stimulus
  controller in ``static/wagtail_tracking/js/charts.js`` toggles series from the legend);
* ``spreadsheet``: CSV/XLSX exports that neutralise spreadsheet formulas;
* ``views``: the permission-checked base ``AnalyticsReportView`` and the top-N tables;
* ``menu``: the "Analytics" submenu; other reports add items with the
  ``register_wagtail_tracking_analytics_menu_item`` hook;
* ``panels`` and ``document_form``: the 30-day usage panels on the page editor (``UsagePanel``)
  and the document edit screen (``DocumentUsageForm``).
"""
