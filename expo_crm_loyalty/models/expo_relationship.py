from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..tools.figures import ANALYST, SCORE_1_5


class ExpoRelationship(models.Model):
    """What a company judges of its relationship with a contact, and the
    way to its surveys and costs.

    SPECIFICATIONS

    - Trust and belonging (1–5, dated when given without a date),
      demonstration and capability values (0–5) and the referrer are
      entered by hand, per company: another company's judgement of the same
      contact is not this one's. Analysts only, except the referrer.
    - The figures (``expo_relationship_figures.py``) are written by the
      ``expo.loyalty`` service from this company's fairs, surveys and costs.
    - Surveys and costs shown are those of this contact in this company.
    """

    _inherit = "expo.relationship"

    expo_trust = fields.Selection(
        SCORE_1_5,
        string="Trust",
        groups=ANALYST,
        tracking=True,
        help="How far this contact trusts the fair (1 to 5), judged by its owner.",
    )
    expo_trust_date = fields.Date(string="Trust assessed on", groups=ANALYST, copy=False)
    expo_belonging = fields.Selection(
        SCORE_1_5,
        string="Belonging",
        groups=ANALYST,
        tracking=True,
        help="Commitment of this contact to the fair (1 to 5): switching costs, few "
        "alternatives, feeling part of the community.",
    )
    expo_belonging_date = fields.Date(string="Belonging assessed on", groups=ANALYST, copy=False)
    expo_demonstration_value = fields.Integer(
        string="Demonstration value",
        groups=ANALYST,
        help="0 to 5: how much this contact's presence draws others (industry leader effect).",
    )
    expo_capability_value = fields.Integer(
        string="Capability value",
        groups=ANALYST,
        help="0 to 5: knowledge and ideas the fair learns from this contact.",
    )
    expo_referred_by_id = fields.Many2one(
        "res.partner",
        string="Referred by",
        index="btree_not_null",
        ondelete="set null",
        help="Who brought this contact to the fair: the referrer's recommendation value "
        "counts the referrals who attended.",
    )
    expo_satisfaction_ids = fields.One2many(
        "expo.satisfaction", compute="_compute_expo_loyalty_records",
        string="Satisfaction surveys", groups=ANALYST,
    )
    expo_relation_cost_ids = fields.One2many(
        "expo.relation.cost", compute="_compute_expo_loyalty_records",
        string="Relationship costs", groups=ANALYST,
    )

    _sql_constraints = [
        (
            "expo_demonstration_value_range",
            "CHECK(expo_demonstration_value IS NULL OR expo_demonstration_value BETWEEN 0 AND 5)",
            "The demonstration value must be between 0 and 5.",
        ),
        (
            "expo_capability_value_range",
            "CHECK(expo_capability_value IS NULL OR expo_capability_value BETWEEN 0 AND 5)",
            "The capability value must be between 0 and 5.",
        ),
    ]

    def _compute_expo_loyalty_records(self):
        domain = [
            ("partner_id", "in", self.partner_id.ids), ("company_id", "in", self.company_id.ids)
        ]
        surveys = self.env["expo.satisfaction"].search(domain)
        costs = self.env["expo.relation.cost"].search(domain)
        for relationship in self:
            def mine(record, rel=relationship):
                return record.partner_id == rel.partner_id and record.company_id == rel.company_id

            relationship.expo_satisfaction_ids = surveys.filtered(mine)
            relationship.expo_relation_cost_ids = costs.filtered(mine)

    # ------------------------------------------------------------------
    # Manual scores
    # ------------------------------------------------------------------

    def _expo_check_value_scores(self, vals):
        errors = []
        for name in ("expo_demonstration_value", "expo_capability_value"):
            value = vals.get(name) or 0
            if not 0 <= value <= 5:
                errors.append(
                    _(
                        "%(score)s must be between 0 and 5, not %(value)s.",
                        score=self._fields[name]._description_string(self.env),
                        value=value,
                    )
                )
        if errors:
            raise ValidationError("\n".join(errors))

    @api.constrains("expo_demonstration_value", "expo_capability_value")
    def _check_expo_value_scores(self):
        for relationship in self:
            relationship._expo_check_value_scores(
                {
                    "expo_demonstration_value": relationship.expo_demonstration_value,
                    "expo_capability_value": relationship.expo_capability_value,
                }
            )

    @api.constrains("expo_referred_by_id", "partner_id")
    def _check_expo_referred_by(self):
        for relationship in self:
            if relationship.expo_referred_by_id == relationship.partner_id:
                raise ValidationError(
                    _("%(partner)s cannot have referred itself.",
                      partner=relationship.partner_id.display_name)
                )

    @api.model
    def _expo_date_manual_scores(self, vals):
        """Date a trust or belonging judgement when it is given without a date."""
        today = fields.Date.context_today(self)
        for score, date in (
            ("expo_trust", "expo_trust_date"),
            ("expo_belonging", "expo_belonging_date"),
        ):
            if score in vals and date not in vals:
                vals[date] = today if vals[score] else False
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._expo_check_value_scores(vals)
            self._expo_date_manual_scores(vals)
        return super().create(vals_list)

    def write(self, vals):
        if {"expo_demonstration_value", "expo_capability_value"} & set(vals):
            self._expo_check_value_scores(vals)
        if {"expo_trust", "expo_belonging"} & set(vals):
            vals = self._expo_date_manual_scores(dict(vals))
        return super().write(vals)

    # ------------------------------------------------------------------
    # Buttons and report helpers
    # ------------------------------------------------------------------

    def action_expo_view_costs(self):
        """This relationship's costs, new ones for this contact and company."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "expo_crm_loyalty.expo_relation_cost_action"
        )
        action["domain"] = [
            ("partner_id", "=", self.partner_id.id), ("company_id", "=", self.company_id.id)
        ]
        action["context"] = {
            "default_partner_id": self.partner_id.id, "default_company_id": self.company_id.id
        }
        return action

    def _expo_report_satisfaction(self):
        """Surveys of this relationship, oldest first (satisfaction trend)."""
        self.ensure_one()
        return self.env["expo.satisfaction"].search(
            [("partner_id", "=", self.partner_id.id), ("company_id", "=", self.company_id.id)],
            order="fair_date asc, date asc, id asc",
        )
