"""Add a ``median`` aggregate to ``read_group``.

The follow-up analysis reports the median response time: a mean would be
dragged by the one buyer who answers after three weeks. PostgreSQL computes
it with the ordered-set aggregate ``percentile_cont``; registering it in the
ORM's table of aggregates makes ``aggregator="median"`` usable on a stored
numeric field, so pivot and graph views compute a true median at every
grouping level (not a mean of medians).
"""

from odoo import models
from odoo.tools import SQL

models.READ_GROUP_AGGREGATE.setdefault(
    "median",
    lambda table, expr: SQL("PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY %s)", expr),
)
