from odoo import fields, models

from .expo_followup import OPEN_STATES


class ExpoRelationship(models.Model):
    """The relationship's next follow-up (in its company), for the
    Relationships kanban and form."""

    _inherit = "expo.relationship"

    next_followup_id = fields.Many2one(
        "expo.followup",
        compute="_compute_next_followup",
        string="Next follow-up",
        help="The follow-up of this relationship still to send with the nearest deadline.",
    )
    next_followup_class_id = fields.Many2one(
        "expo.followup.class", compute="_compute_next_followup", string="Next follow-up class"
    )
    next_followup_due = fields.Datetime(
        compute="_compute_next_followup", string="Next follow-up deadline"
    )

    def _compute_next_followup(self):
        """One query for all the relationships shown (e.g. a kanban page)."""
        first = {}
        if self.ids:
            for followup in self.env["expo.followup"].search(
                [
                    ("partner_id", "in", self.partner_id.ids),
                    ("company_id", "in", self.company_id.ids),
                    ("state", "in", OPEN_STATES),
                ],
                order="due_date asc, id asc",
            ):
                first.setdefault((followup.partner_id.id, followup.company_id.id), followup)
        for relationship in self:
            followup = first.get(
                (relationship.partner_id.id, relationship.company_id.id), self.env["expo.followup"]
            )
            relationship.next_followup_id = followup
            relationship.next_followup_class_id = followup.class_id
            relationship.next_followup_due = followup.due_date
