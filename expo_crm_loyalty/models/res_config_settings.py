from odoo import _, fields, models
from odoo.exceptions import ValidationError


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    expo_loyalty_weight_economic = fields.Float(
        string="Economic weight",
        config_parameter="expo_crm_loyalty.weight_economic",
        default=40.0,
        help="Weight of the economic value in the value score.",
    )
    expo_loyalty_weight_demonstration = fields.Float(
        string="Demonstration weight",
        config_parameter="expo_crm_loyalty.weight_demonstration",
        default=20.0,
        help="Weight of the demonstration value in the value score.",
    )
    expo_loyalty_weight_recommendation = fields.Float(
        string="Recommendation weight",
        config_parameter="expo_crm_loyalty.weight_recommendation",
        default=20.0,
        help="Weight of the recommendation value in the value score.",
    )
    expo_loyalty_weight_capability = fields.Float(
        string="Capability weight",
        config_parameter="expo_crm_loyalty.weight_capability",
        default=20.0,
        help="Weight of the capability value in the value score.",
    )
    expo_loyalty_pareto_a = fields.Float(
        string="Tier A threshold (%)",
        config_parameter="expo_crm_loyalty.pareto_a",
        default=80.0,
        help="Tier A: the top contacts that make this share of the economic value.",
    )
    expo_loyalty_pareto_b = fields.Float(
        string="Tier B threshold (%)",
        config_parameter="expo_crm_loyalty.pareto_b",
        default=95.0,
        help="Tier B: the next contacts, up to this cumulative share; tier C: the rest.",
    )
    expo_loyalty_discount_rate = fields.Float(
        string="Discount rate (%)",
        config_parameter="expo_crm_loyalty.discount_rate",
        default=10.0,
        help="Yearly discount rate d of the lifetime value.",
    )
    expo_loyalty_horizon_years = fields.Integer(
        string="Horizon (years)",
        config_parameter="expo_crm_loyalty.horizon_years",
        default=5,
        help="Number of years T of the finite-horizon lifetime value.",
    )
    expo_loyalty_attitude_threshold = fields.Float(
        string="Attitude threshold",
        config_parameter="expo_crm_loyalty.attitude_threshold",
        default=60.0,
        help="Attitude (0–100) from which the attitude counts as high.",
    )
    expo_loyalty_behaviour_threshold = fields.Float(
        string="Behaviour threshold",
        config_parameter="expo_crm_loyalty.behaviour_threshold",
        default=50.0,
        help="Behavioural loyalty (repeat rate, 0–100) from which the behaviour counts as high.",
    )
    expo_loyalty_satisfaction_threshold = fields.Float(
        string="Satisfaction threshold",
        config_parameter="expo_crm_loyalty.satisfaction_threshold",
        default=3.0,
        help="A latest overall satisfaction under this score moves a confirmed or trusted "
        "relationship to weakening.",
    )

    def _expo_loyalty_settings_errors(self):
        errors = []
        weights = [
            self.expo_loyalty_weight_economic,
            self.expo_loyalty_weight_demonstration,
            self.expo_loyalty_weight_recommendation,
            self.expo_loyalty_weight_capability,
        ]
        if any(weight < 0 for weight in weights) or not sum(weights):
            errors.append(_("The value weights cannot be negative and at least one must be positive."))
        if not 0 < self.expo_loyalty_pareto_a <= self.expo_loyalty_pareto_b <= 100:
            errors.append(
                _("The Pareto thresholds must satisfy 0 < tier A ≤ tier B ≤ 100 (%%), "
                  "not %(a)s and %(b)s.",
                  a=self.expo_loyalty_pareto_a, b=self.expo_loyalty_pareto_b)
            )
        if not 0 < self.expo_loyalty_discount_rate <= 100:
            errors.append(_("The discount rate must be above 0 and at most 100%."))
        if not 1 <= self.expo_loyalty_horizon_years <= 100:
            errors.append(_("The horizon must be between 1 and 100 years."))
        for label, value in (
            (_("attitude threshold"), self.expo_loyalty_attitude_threshold),
            (_("behaviour threshold"), self.expo_loyalty_behaviour_threshold),
        ):
            if not 0 <= value <= 100:
                errors.append(_("The %(setting)s must be between 0 and 100.", setting=label))
        if not 1 <= self.expo_loyalty_satisfaction_threshold <= 5:
            errors.append(_("The satisfaction threshold must be between 1 and 5."))
        return errors

    def set_values(self):
        errors = self._expo_loyalty_settings_errors()
        if errors:
            raise ValidationError("\n".join(errors))
        return super().set_values()

    def action_expo_loyalty_recompute(self):
        self.ensure_one()
        self.execute()
        return self.env["expo.loyalty"].action_recompute()
