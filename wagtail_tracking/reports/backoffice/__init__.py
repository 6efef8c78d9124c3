"""The "Back office" report: how the admin is used, read from the activity log.

* ``dashboard``: key figures, three charts and the top-5 tables (``BackofficeReportView``);
  ``home_panel``: this week's key figures on the admin home page;
* ``rankings``: the "Show more" lists of users, pages and other objects;
* ``activity_log``: the events themselves (all, one user's, one object's history), streamed
  as CSV, XLSX or JSON; ``event_inspect``: one event, every field;
* ``dataset``: the log's fields and exported rows; ``event_filters``: the filters;
  ``labels``: how codes and diffs read; ``links``: links between the views, with the filters.
"""
