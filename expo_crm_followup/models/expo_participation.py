from odoo import api, fields, models
from odoo.tools import SQL

from .expo_followup_class import HESITATION_REASONS

FOLLOWUP_STATES = [
    ("none", "Not planned"),
    ("scheduled", "Scheduled"),
    ("queued", "Queued"),
    ("sent", "Sent"),
    ("listed", "Added to the mailing list"),
    ("replied", "Replied"),
    ("done", "Done"),
    ("failed", "Failed"),
    ("overdue", "Overdue"),
]

# expo.followup state -> participation follow-up state
_STATE_MAP = {
    "draft": "scheduled",
    "scheduled": "scheduled",
    "queued": "queued",
    "sent": "sent",
    "listed": "listed",
    "replied": "replied",
    "done": "done",
    "failed": "failed",
}


class ExpoParticipation(models.Model):
    _inherit = "expo.participation"

    # What was captured at the booth: the classification suggestion reads it.
    order_signed = fields.Boolean(
        string="Order signed", help="Signed or agreed an order at the fair."
    )
    samples_requested = fields.Boolean(
        string="Samples or quantities asked",
        help="Asked detailed product or factory questions, samples or quantities.",
    )
    price_disputed = fields.Boolean(
        string="Price or terms disputed", help="Stuck on price or terms."
    )
    catalogue_requested = fields.Boolean(
        string="Catalogue asked", help="Asked for the catalogue or the price list."
    )
    products_discussed = fields.Text(
        string="Products discussed",
        help="Products talked about at the booth; quoted in the follow-up email."
    )
    badge_code = fields.Char(
        string="Badge code",
        index=True,
        copy=False,
        help="Code of the contact's badge or registration at this fair (the text of its "
        "QR code or barcode): a badge scanned at the booth finds the contact by it.",
    )

    followup_class_id = fields.Many2one(
        "expo.followup.class",
        string="Follow-up class",
        index=True,
        tracking=True,
        ondelete="restrict",
    )
    hesitation_reason = fields.Selection(
        HESITATION_REASONS,
        string="Hesitation reason",
        help="Why an interested contact has not decided yet; picks the template.",
    )
    followup_note = fields.Text(string="Classification note")
    followup_ids = fields.Many2many(
        "expo.followup",
        "expo_followup_participation_rel",
        "participation_id",
        "followup_id",
        string="Follow-ups",
        readonly=True,
        help="The follow-up of this contact at this fair, shared by all its roles there.",
    )
    followup_state = fields.Selection(
        FOLLOWUP_STATES,
        string="Follow-up",
        compute="_compute_followup_state",
        store=True,
        index=True,
    )
    followup_deadline = fields.Datetime(
        string="Follow-up deadline", compute="_compute_followup_state", store=True
    )
    followup_to_classify = fields.Boolean(
        string="To classify",
        compute="_compute_followup_to_classify",
        search="_search_followup_to_classify",
        help="Met at the fair in a role it classifies, and not marked lost: "
        "the contacts the classification wizard lists.",
    )
    followup_classified = fields.Integer(
        string="Classified (%)",
        compute="_compute_followup_classified",
        store=True,
        aggregator="avg",
        help="100 when the contact has a follow-up class, 0 otherwise; its "
        "average is the classified share.",
    )

    @api.depends("followup_ids.state", "followup_ids.is_overdue", "followup_ids.due_date")
    def _compute_followup_state(self):
        for participation in self:
            followups = participation.followup_ids.filtered(lambda f: f.state != "cancelled")
            if not followups:
                participation.followup_state = "none"
                participation.followup_deadline = False
                continue
            followup = followups.sorted("id")[-1]
            state = _STATE_MAP.get(followup.state, "none")
            if state in ("scheduled", "failed") and followup.is_overdue:
                state = "overdue"
            participation.followup_state = state
            participation.followup_deadline = followup.due_date

    @api.depends("followup_class_id")
    def _compute_followup_classified(self):
        for participation in self:
            participation.followup_classified = 100 if participation.followup_class_id else 0

    def _expo_capture_signals(self):
        """Capture signals (keys of CAPTURE_SIGNALS) of one participation."""
        self.ensure_one()
        flags = {
            "signed": self.order_signed,
            "samples": self.samples_requested,
            "price": self.price_disputed,
            "catalogue": self.catalogue_requested,
        }
        return {signal for signal, flag in flags.items() if flag}

    @api.model
    def _expo_to_classify_domain(self, all_roles=False):
        """The participations whose contacts are classified after the fair:
        not cancelled nor only invited, contact not marked lost by the
        current company, and (unless ``all_roles``) in a role the fair
        classifies. The wizard, the fair's overview and the classification
        analysis all count these."""
        domain = [
            ("state", "not in", ("cancelled", "invited")),
            ("partner_id", "not any", self.env["res.partner"]._expo_lost_domain()),
        ]
        if not all_roles:
            domain.append(
                (
                    "id",
                    "in",
                    SQL(
                        "(SELECT p.id FROM expo_participation p"
                        " JOIN expo_fair_classify_role_rel r"
                        " ON r.fair_id = p.fair_id AND r.role_id = p.role_id)"
                    ),
                )
            )
        return domain

    def _expo_to_classify(self, all_roles=False):
        """Those of these participations whose contacts are classified after
        the fair (``_expo_to_classify_domain``), in their order."""
        if not self:
            return self
        found = set(
            self.search(self._expo_to_classify_domain(all_roles) + [("id", "in", self.ids)]).ids
        )
        return self.filtered(lambda p: p.id in found)

    def _compute_followup_to_classify(self):
        to_classify = set(self.filtered("id")._expo_to_classify().ids)
        for participation in self:
            participation.followup_to_classify = participation.id in to_classify

    def _search_followup_to_classify(self, operator, value):
        if operator not in ("=", "!="):
            return NotImplemented
        positive = (operator == "=") == bool(value)
        query = self._search(self._expo_to_classify_domain())
        return [("id", "in" if positive else "not in", query)]

    def action_expo_classify(self):
        """Open the classification wizard on the selected participations
        (every selected role, whether the fair classifies it or not)."""
        fairs = self.fair_id
        return self.env["expo.classify.wizard"]._action_open(
            self.filtered(lambda p: p.state not in ("cancelled", "invited")),
            fair=fairs if len(fairs) == 1 else None,
            all_roles=True,
        )

    def action_expo_view_followups(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "expo_crm_followup.expo_followup_action"
        )
        action["domain"] = [("participation_ids", "in", self.ids)]
        return action
