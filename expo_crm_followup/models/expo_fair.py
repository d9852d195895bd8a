from collections import defaultdict
from datetime import datetime, time, timedelta

import pytz

from odoo import fields, models

from .expo_followup import OPEN_STATES


class ExpoFair(models.Model):
    _inherit = "expo.fair"

    own_booth = fields.Char(
        string="Our booth",
        help="Our own booth at this fair, quoted in invitations and follow-up emails.",
    )
    followup_count = fields.Integer(
        compute="_compute_followup_stats", string="Follow-ups"
    )
    followup_open_count = fields.Integer(
        compute="_compute_followup_stats", string="Follow-ups to do"
    )

    expo_classified_count = fields.Integer(
        compute="_compute_expo_followup_overview", string="Classified contacts"
    )
    expo_to_classify_count = fields.Integer(
        compute="_compute_expo_followup_overview",
        string="Contacts to classify",
        help="Contacts of this edition in the roles it classifies (one per "
        "contact, whatever its roles), not marked lost.",
    )
    expo_classified_share = fields.Integer(
        compute="_compute_expo_followup_overview",
        string="Classified (%)",
        help="Share of the contacts to classify who have a follow-up class.",
    )
    expo_followup_due_today_count = fields.Integer(
        compute="_compute_expo_followup_overview",
        string="Follow-ups due today",
        help="Follow-ups not sent yet whose deadline falls later today.",
    )
    expo_followup_overdue_count = fields.Integer(
        compute="_compute_expo_followup_overview",
        string="Overdue follow-ups",
        help="Follow-ups not sent yet whose deadline has passed.",
    )

    def _expo_today_bounds(self):
        """Start and end of the user's today, as naive UTC datetimes."""
        tz = pytz.timezone(self.env.user.tz or "UTC")
        today = fields.Date.context_today(self)
        start = tz.localize(datetime.combine(today, time.min)).astimezone(pytz.UTC)
        start = start.replace(tzinfo=None)
        return start, start + timedelta(days=1)

    def _expo_followup_domain(self, kind):
        """Follow-ups still to send: due later today ("today") or past their
        deadline ("overdue"); the two never overlap."""
        now = fields.Datetime.now()
        _start, end = self._expo_today_bounds()
        domain = [("fair_id", "in", self.ids), ("state", "in", OPEN_STATES)]
        if kind == "today":
            return domain + [("due_date", ">=", now), ("due_date", "<", end)]
        return domain + [("due_date", "<", now)]

    def _compute_expo_followup_overview(self):
        """The follow-up figures of the overview: a few grouped queries for
        all the fairs shown."""
        fairs = self.filtered("id")
        classified, counted = defaultdict(set), defaultdict(set)
        today, overdue = {}, {}
        if fairs:
            # The same contacts as the classification wizard lists.
            Participation = self.env["expo.participation"]
            participations = Participation.search(
                [("fair_id", "in", fairs.ids)] + Participation._expo_to_classify_domain()
            )
            for participation in participations:
                key = participation.fair_id.id
                counted[key].add(participation.partner_id.id)
                if participation.followup_class_id:
                    classified[key].add(participation.partner_id.id)
            Followup = self.env["expo.followup"]
            today = dict(Followup._read_group(fairs._expo_followup_domain("today"), ["fair_id"], ["__count"]))
            overdue = dict(
                Followup._read_group(fairs._expo_followup_domain("overdue"), ["fair_id"], ["__count"])
            )
        for fair in self:
            fair.expo_classified_count = len(classified[fair.id])
            fair.expo_to_classify_count = total = len(counted[fair.id])
            fair.expo_classified_share = (
                round(100.0 * fair.expo_classified_count / total) if total else 0
            )
            fair.expo_followup_due_today_count = today.get(fair, 0)
            fair.expo_followup_overdue_count = overdue.get(fair, 0)

    def _expo_action_followups(self, kind):
        self.ensure_one()
        action = self.action_expo_view_followups()
        action["domain"] = self._expo_followup_domain(kind)
        action["context"] = {}
        return action

    def action_expo_view_followups_today(self):
        return self._expo_action_followups("today")

    def action_expo_view_followups_overdue(self):
        return self._expo_action_followups("overdue")

    def action_expo_view_classified(self):
        self.ensure_one()
        return self._action_participations(
            [
                ("state", "not in", ("cancelled", "invited")),
                ("role_id", "in", self.classify_role_ids.ids),
                ("followup_class_id", "!=", False),
            ],
            context={"group_by": ["followup_class_id"]},
        )

    def _compute_followup_stats(self):
        stats = {fair: [0, 0] for fair in self}
        for fair, state, count in self.env["expo.followup"]._read_group(
            [("fair_id", "in", self.ids)], ["fair_id", "state"], ["__count"]
        ):
            stats[fair][0] += count
            if state in OPEN_STATES:
                stats[fair][1] += count
        for fair in self:
            fair.followup_count, fair.followup_open_count = stats[fair]

    def action_expo_classify(self):
        """Open the classification wizard on this fair's contacts."""
        self.ensure_one()
        return self.env["expo.classify.wizard"]._action_open(
            self.participation_ids,
            fair=self,
        )

    def action_expo_view_followups(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "expo_crm_followup.expo_followup_action"
        )
        action["domain"] = [("fair_id", "=", self.id)]
        action["context"] = {"search_default_group_state": 1}
        return action
