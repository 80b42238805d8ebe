"""Insights: what a person's own data shows, each measure explained in plain words.

Reads across the person's apps (check-ins, journal, practices, questionnaires, heartbeat tasks)
live here and never the other way round. It writes only its own summaries of them; its layout:

- facts.py: the plain data every insight is computed from (no Django); tally.py: additive
  summaries of check-ins and journal words (counts and sums, per-day ICC statistics) that
  every all-time insight is worked out from.
- models.py + weekly.py: one stored tally per person and week (and per quarter), forgotten by
  the write services through `accounts.services.person_data_changed(owner, *moments)` (a hook
  in `feelmap.lib.changes`, registered in apps.py) and worked out again lazily, so a view after
  a change reads a few dozen tallies and the last weeks' records, not years of check-ins.
- granularity.py, words.py, body.py, patterns.py: the measures, pure typed functions over
  facts (mypy strict), tested without a database; analytics.py: `compute()`, all of them.
- loaders.py: the database reads into facts (`values_list`, one query per table), the stored
  weeks, and the per-person cache keyed by `User.data_version` (raised by every write the
  insights read).
- charts.py, drawings.py: SVG drawn on the server from chart definitions (page and PDF alike);
  presentation.py: what the page shows, from `Insights`.
- views.py (thin; the page body is a cached fragment, templatetags/insights_page.py), api.py (ninja router) with its output schemas in schemas.py.
"""
