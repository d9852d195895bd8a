from datetime import datetime, time, timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models


class ExpoStageHistory(models.Model):
    """Dating a history written in one go.

    When past participations are loaded at once (an import from another
    system, or the demonstration data), the lifecycle writes every stage
    change with today's date. ``_expo_date_from_fairs`` gives each of these
    changes the date of the fair that caused it, so that the history, the
    days in stage and the reports read as they happened.
    """

    _inherit = "expo.stage.history"

    @api.model
    def _expo_change_day(self, change, attended, params):
        """The day the fairs of ``attended`` (the partner's attended fairs,
        oldest first) caused ``change``; None when they say nothing."""
        if not attended:
            first = change.relationship_id.participation_ids.fair_id.sorted("date_begin")[:1]
            return first.date_begin - timedelta(days=30) if first else None
        last = attended[-1]
        return {
            "first_contact": attended[0].date_begin - timedelta(days=30),
            "first_attendance": attended[0].date_end,
            "repeat_attendance": attended[1].date_end if len(attended) > 1 else last.date_end,
            "decline": last.date_end,
            "skipped_edition": last.date_end + relativedelta(years=1),
            "inactive": last.date_end + relativedelta(months=params["expo_crm.active_window_months"]),
            "dissolution_window": last.date_end
            + relativedelta(months=params["expo_crm.dissolution_window_months"]),
            "low_satisfaction": last.date_end + timedelta(days=14),
            "signal": last.date_end + timedelta(days=14),
        }.get(change.rule)

    @api.model
    def _expo_date_from_fairs(self):
        """Date today's automatic stage changes after the fairs that caused
        them (never later than today, each change after the one before it),
        then the days in the previous stage and the relationships' stage dates."""
        # History dates are UTC datetimes: "today's changes" are those of the
        # last day in UTC, whatever the user's time zone (in Brussels at
        # 23:30 UTC the user's day has already turned).
        now = fields.Datetime.now()
        today = now.date()
        changes = self.search(
            [("date", ">=", now - timedelta(days=1)), ("rule", "not in", ("manual", "lost"))]
        )
        params = self.env["expo.lifecycle"]._params()
        for relationship, rows in changes.grouped("relationship_id").items():
            attended = relationship.participation_ids.filtered(
                lambda p: p.state == "attended" and p.fair_id.state != "cancelled"
            ).fair_id.sorted("date_begin")
            previous = None
            for change in rows.sorted("id"):
                day = self._expo_change_day(change, attended, params) or today
                day = min(max(day, previous or day), today)
                change.write(
                    {
                        "date": min(datetime.combine(day, time(9, 0)), now),
                        "days_in_previous_stage": (day - previous).days if previous else 0,
                    }
                )
                previous = day
            if previous:
                relationship.with_context(expo_stage_auto=True).write({"stage_date": previous})
        return True
