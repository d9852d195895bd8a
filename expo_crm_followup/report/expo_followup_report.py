from odoo import fields, models
from odoo.tools import SQL

from ..models.expo_followup import OPEN_STATES, REACHED_STATES


class ExpoFollowupReport(models.Model):
    """Follow-up analysis: one row per company, fair, class and owner, read
    from SQL (as ``mailing.trace.report``), nothing stored.

    SPECIFICATIONS

    - Counts: follow-ups, reached (sent, added to the mailing list, replied,
      done), reached inside their deadline, overdue (still to send and past
      their deadline, at the moment of reading), replied.
    - ``response_hours_median``: the median (``percentile_cont(0.5)``) of the
      response times of the row's replied follow-ups, computed by
      PostgreSQL: one buyer answering after three weeks does not drag it as
      a mean would. Grouping several rows in a pivot averages their medians.
    - Records rules as the follow-ups: a salesperson analyses their own
      follow-ups, a manager all of them, in the allowed companies.
    """

    _name = "expo.followup.report"
    _description = "Follow-up Analysis"
    _auto = False
    _order = "fair_id desc, class_id"
    _rec_name = "fair_id"
    # Flushed before the report is read.
    _depends = {
        "expo.followup": [
            "company_id", "fair_id", "class_id", "user_id", "state", "due_date",
            "sent_date", "replied_date", "response_hours",
        ],
        "expo.fair": ["date_end"],
    }

    company_id = fields.Many2one("res.company", readonly=True)
    fair_id = fields.Many2one("expo.fair", readonly=True)
    fair_date = fields.Date(string="Fair end", readonly=True)
    class_id = fields.Many2one("expo.followup.class", readonly=True)
    user_id = fields.Many2one("res.users", string="Owner", readonly=True)
    followup_count = fields.Integer(string="Follow-ups", readonly=True)
    reached_count = fields.Integer(
        string="Followed up", readonly=True,
        help="Sent, added to the mailing list, replied or done.",
    )
    in_time_count = fields.Integer(
        string="Inside deadline", readonly=True,
        help="Followed up no later than their deadline.",
    )
    overdue_count = fields.Integer(
        string="Overdue", readonly=True, help="Still to send and past their deadline."
    )
    replied_count = fields.Integer(string="Replied", readonly=True)
    response_hours_median = fields.Float(
        string="Median response time (h)",
        readonly=True,
        digits=(12, 1),
        aggregator="avg",
        help="Median of the hours between a follow-up and the contact's reply, "
        "per fair, class and owner (averaged when several are grouped).",
    )

    @property
    def _table_query(self) -> SQL:
        """Read at query time (as ``account.invoice.report``): "overdue" is
        measured against the server's clock of the request."""
        reached = SQL("f.state = ANY(%s)", list(REACHED_STATES))
        return SQL(
            """SELECT min(f.id) AS id,
                      f.company_id,
                      f.fair_id,
                      fair.date_end AS fair_date,
                      f.class_id,
                      f.user_id,
                      count(*) AS followup_count,
                      count(*) FILTER (WHERE %(reached)s) AS reached_count,
                      count(*) FILTER (
                          WHERE %(reached)s AND f.sent_date <= f.due_date
                      ) AS in_time_count,
                      count(*) FILTER (
                          WHERE f.state = ANY(%(open)s) AND f.due_date < %(now)s
                      ) AS overdue_count,
                      count(f.replied_date) AS replied_count,
                      percentile_cont(0.5) WITHIN GROUP (ORDER BY f.response_hours)
                          FILTER (WHERE f.replied_date IS NOT NULL) AS response_hours_median
                 FROM expo_followup f
                 JOIN expo_fair fair ON fair.id = f.fair_id
             GROUP BY f.company_id, f.fair_id, fair.date_end, f.class_id, f.user_id""",
            reached=reached,
            open=list(OPEN_STATES),
            now=fields.Datetime.now(),
        )
