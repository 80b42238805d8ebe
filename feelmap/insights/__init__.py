"""Insights: what a person's own data shows, each measure explained in plain words.

Reads across the person's apps (check-ins, journal, practices, questionnaires) live here and
never the other way round. The app writes nothing, so it has no models or services; its layout:

- facts.py: the plain data every insight is computed from (no Django).
- granularity.py, words.py, body.py, patterns.py: the measures, pure typed functions over
  facts (mypy strict), tested without a database; analytics.py: `compute()`, all of them.
- loaders.py: the database reads into facts (`values_list`, one query per table) and the
  per-person cache keyed by `User.data_version` (raised by every write the insights read).
- charts.py, drawings.py: SVG drawn on the server from chart definitions (page and PDF alike);
  presentation.py: what the page shows, from `Insights`.
- views.py (thin; the page body is a cached fragment, templatetags/insights_page.py), api.py (ninja router) with its output schemas in schemas.py.
"""
