"""18.0.1.2.0: "overdue" is computed (not stored) and the follow-up analysis
reads ``expo.followup.report``: the follow-ups' former columns go."""

from odoo.tools import SQL

DROPPED = (
    "is_overdue",
    "kpi_in_time",
    "kpi_overdue",
    "kpi_replied",
    "kpi_in_time_rate",
    "kpi_reply_rate",
)


def migrate(cr, version):
    if not version:
        return
    for column in DROPPED:
        cr.execute(
            SQL("ALTER TABLE expo_followup DROP COLUMN IF EXISTS %s", SQL.identifier(column))
        )
