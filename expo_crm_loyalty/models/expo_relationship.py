from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..tools.figures import ANALYST, CLV_BANDS, LOYALTY_SEGMENTS, PARETO_TIERS, SCORE_1_5


def _figure(field_class, string, help=None, **kwargs):
    """A stored figure written by the recompute: read-only, not copied,
    analysts only."""
    return field_class(string=string, help=help, readonly=True, copy=False, groups=ANALYST, **kwargs)


class ExpoRelationship(models.Model):
    """What a company judges of its relationship with a contact, and the
    way to its surveys and costs.

    SPECIFICATIONS

    - Trust and belonging (1–5, dated when given without a date),
      demonstration and capability values (0–5) and the referrer are
      entered by hand, per company: another company's judgement of the same
      contact is not this one's. Analysts only, except the referrer.
    - The figures are written by the ``expo.loyalty`` service (formulas in
      ``tools/formulas.py``) from this company's fairs, surveys and costs:
      NULL without the data behind them; amounts in the company's currency.
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

    # ------------------------------------------------------------------
    # Computed by the expo.loyalty service (stored, NULL without data)
    # ------------------------------------------------------------------

    expo_loyalty_scope = _figure(
        fields.Boolean, "Has relationship figures",
        "Set by the recompute for every contact with fees, costs, surveys, referrals or "
        "relationship scores.",
    )
    expo_revenue = _figure(fields.Monetary, "Relationship value (fees)",
                           "Fees of the attended participations.")
    expo_cost_total = _figure(fields.Monetary, "Relationship cost", "Sum of the relationship costs.")
    expo_economic_value = _figure(
        fields.Monetary, "Economic value",
        "Fees net of costs over the whole relationship (= relationship profitability, "
        "value − cost).",
    )
    expo_economic_value_year = _figure(
        fields.Monetary, "Economic value per year",
        "Economic value divided by the active years (first to last year with an attended "
        "fair or a cost, inclusive).",
        aggregator="avg",
    )
    expo_profitability_rate = _figure(
        fields.Float, "Profitability (% of cost)", "(Value − cost) / cost × 100.", aggregator="avg"
    )
    expo_value_share = _figure(
        fields.Float, "Share of value (%)",
        "This contact's economic value as a share of the total positive economic value.",
    )
    expo_pareto_tier = _figure(
        fields.Selection, "Pareto tier",
        "A: the top contacts making 80% of the economic value; B: the next 15%; C: the rest "
        "(thresholds in Settings).",
        selection=PARETO_TIERS,
    )
    expo_recommendation_count = _figure(
        fields.Integer, "Referrals who attended",
        "Contacts referred by this one who attended at least one edition.",
    )
    expo_value_economic = _figure(fields.Float, "Economic (0–100)", aggregator="avg")
    expo_value_demonstration = _figure(fields.Float, "Demonstration (0–100)", aggregator="avg")
    expo_value_recommendation = _figure(fields.Float, "Recommendation (0–100)", aggregator="avg")
    expo_value_capability = _figure(fields.Float, "Capability (0–100)", aggregator="avg")
    expo_value_score = _figure(
        fields.Float, "Value score",
        "Weighted mean of the four values (economic, demonstration, recommendation, "
        "capability), 0 to 100.",
        aggregator="avg",
    )
    # Changes every day: computed when read, not stored (a stored one would
    # rewrite every relationship every night).
    expo_rfm_recency_days = fields.Integer(
        string="Days since last attended", compute="_compute_rfm_recency_days", groups=ANALYST,
    )
    expo_rfm_recency = _figure(fields.Integer, "Recency score", "1 to 5, 5 = most recent.",
                               aggregator="avg")
    expo_rfm_frequency = _figure(fields.Integer, "Frequency score", "1 to 5, 5 = most editions.",
                                 aggregator="avg")
    expo_rfm_monetary = _figure(fields.Integer, "Monetary score", "1 to 5, 5 = highest fees.",
                                aggregator="avg")
    expo_rfm_cell = _figure(fields.Char, "RFM cell",
                            "Recency, frequency and monetary scores, e.g. 545.")
    expo_rfm_editions = _figure(fields.Integer, "Editions attended (RFM)",
                                "The frequency behind the frequency score.")
    expo_rfm_last_date = _figure(fields.Date, "Last attended (RFM)",
                                 "End of the last attended edition, behind the recency score.")
    expo_retention_probability = _figure(
        fields.Float, "Retention probability",
        "Editions attended / editions of its series held since the first one it attended.",
        aggregator="avg",
    )
    expo_repeat_count = _figure(
        fields.Integer, "Editions came back to",
        "Editions attended after the first one, in the series it attended.",
    )
    expo_repeat_opportunities = _figure(
        fields.Integer, "Editions held after the first",
        "Editions of its series held after the first one it attended.",
    )
    expo_clv = _figure(fields.Monetary, "Lifetime value",
                       "Closed form m·r / (1 + d − r).")
    expo_clv_horizon = _figure(
        fields.Monetary, "Lifetime value (horizon)", "Σ m·r^(t−1) / (1 + d)^t for t = 1 … T."
    )
    expo_clv_band = _figure(fields.Selection, "Lifetime value band", selection=CLV_BANDS)
    expo_satisfaction_count = _figure(fields.Integer, "Surveys")
    expo_satisfaction_avg = _figure(fields.Float, "Average satisfaction", aggregator="avg")
    expo_satisfaction_last = _figure(fields.Integer, "Latest satisfaction", aggregator="avg")
    expo_satisfaction_previous = _figure(fields.Integer, "Previous satisfaction", aggregator="avg")
    expo_satisfaction_falling = _figure(
        fields.Boolean, "Satisfaction falling",
        "The latest overall satisfaction is lower than the previous one.",
    )
    expo_relationship_quality = _figure(
        fields.Float, "Relationship quality",
        "Mean of trust, belonging and satisfaction, 0 to 100.", aggregator="avg",
    )
    expo_loyalty_cognitive = _figure(fields.Float, "Cognitive loyalty", aggregator="avg")
    expo_loyalty_affective = _figure(fields.Float, "Affective loyalty", aggregator="avg")
    expo_loyalty_conative = _figure(fields.Float, "Conative loyalty", aggregator="avg")
    expo_loyalty_behavioural = _figure(
        fields.Float, "Behavioural loyalty",
        "Repeat rate: editions came back to / editions held after the first × 100.",
        aggregator="avg",
    )
    expo_loyalty_attitude = _figure(fields.Float, "Attitude", aggregator="avg")
    expo_loyalty_index = _figure(fields.Float, "Loyalty index", aggregator="avg")
    expo_loyalty_segment = _figure(
        fields.Selection, "Loyalty segment",
        "Attitude against behaviour: true (both high), latent (attitude only), spurious "
        "(behaviour only), none.",
        selection=LOYALTY_SEGMENTS,
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

    @api.depends("expo_rfm_last_date")
    @api.depends_context("tz")
    def _compute_rfm_recency_days(self):
        today = fields.Date.context_today(self)
        for relationship in self:
            last = relationship.expo_rfm_last_date
            relationship.expo_rfm_recency_days = max((today - last).days, 0) if last else 0

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
        if "expo_referred_by_id" in vals:
            # The former referrers' recommendation counts change too.
            self.env["expo.loyalty"]._expo_touch(self.sudo().expo_referred_by_id.ids)
        return super().write(vals)

    def unlink(self):
        self.env["expo.loyalty"]._expo_touch(self.sudo().expo_referred_by_id.ids)
        return super().unlink()

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
