from odoo import api, fields, models

from ..tools.figures import ANALYST, LOYALTY_SEGMENTS, MANUAL_FIELDS, PARETO_TIERS, SCORE_1_5


class ResPartner(models.Model):
    """The current company's value and loyalty, as shown on a contact.

    SPECIFICATIONS

    - The figures live on ``expo.relationship`` (one per contact and
      company); the contact shows the current company's tier and segment,
      so that a single-company user sees no difference.
    - The judgements entered by hand (trust, belonging, demonstration and
      capability values, referrer) can be read and set from the contact too:
      they are those of the current company's relationship, created when
      missing.
    """

    _inherit = "res.partner"

    expo_pareto_tier = fields.Selection(
        PARETO_TIERS, string="Pareto tier", compute="_compute_expo_loyalty", groups=ANALYST,
        help="This company's tier: A, the top contacts making 80% of its economic value; "
        "B, the next 15%; C, the rest.",
    )
    expo_loyalty_segment = fields.Selection(
        LOYALTY_SEGMENTS, string="Loyalty segment", compute="_compute_expo_loyalty",
        groups=ANALYST,
    )
    # The current company's judgements (written on its relationship).
    expo_trust = fields.Selection(
        SCORE_1_5, string="Trust", compute="_compute_expo_loyalty",
        inverse="_inverse_expo_judgements", groups=ANALYST,
    )
    expo_trust_date = fields.Date(
        string="Trust assessed on", compute="_compute_expo_loyalty",
        inverse="_inverse_expo_judgements", groups=ANALYST,
    )
    expo_belonging = fields.Selection(
        SCORE_1_5, string="Belonging", compute="_compute_expo_loyalty",
        inverse="_inverse_expo_judgements", groups=ANALYST,
    )
    expo_belonging_date = fields.Date(
        string="Belonging assessed on", compute="_compute_expo_loyalty",
        inverse="_inverse_expo_judgements", groups=ANALYST,
    )
    expo_demonstration_value = fields.Integer(
        string="Demonstration value", compute="_compute_expo_loyalty",
        inverse="_inverse_expo_judgements", groups=ANALYST,
    )
    expo_capability_value = fields.Integer(
        string="Capability value", compute="_compute_expo_loyalty",
        inverse="_inverse_expo_judgements", groups=ANALYST,
    )
    expo_referred_by_id = fields.Many2one(
        "res.partner", string="Referred by", compute="_compute_expo_loyalty",
        inverse="_inverse_expo_judgements", groups="expo_crm.group_expo_user",
        help="Who brought this contact to the fair: the referrer's recommendation value "
        "counts the referrals who attended.",
    )

    @api.depends_context("company")
    @api.depends(
        "expo_relationship_ids.expo_pareto_tier", "expo_relationship_ids.expo_loyalty_segment",
        *(f"expo_relationship_ids.{name}" for name in MANUAL_FIELDS),
    )
    def _compute_expo_loyalty(self):
        found = self._expo_relationships() if self.ids else {}
        for partner in self:
            rel = found.get(partner.id)
            rel = rel.sudo() if rel else rel
            for name in ("expo_pareto_tier", "expo_loyalty_segment", *MANUAL_FIELDS):
                partner[name] = rel[name] if rel else False

    def _inverse_expo_judgements(self):
        for partner in self:
            values = {name: partner[name] for name in MANUAL_FIELDS}
            values["expo_referred_by_id"] = partner.expo_referred_by_id.id
            relationship = partner._expo_ensure_relationship()
            changed = {
                name: value for name, value in values.items()
                if (relationship[name].id if name == "expo_referred_by_id" else relationship[name])
                != value
            }
            if changed:
                relationship.write(changed)
