from odoo import fields, models

from ..tools.figures import ANALYST, CLV_BANDS, LOYALTY_SEGMENTS, PARETO_TIERS


def _figure(field_class, string, help=None, **kwargs):
    """A stored figure written by the recompute: read-only, not copied,
    analysts only."""
    return field_class(string=string, help=help, readonly=True, copy=False, groups=ANALYST, **kwargs)


class ExpoRelationship(models.Model):
    """The value and loyalty figures of a relationship, written by the
    ``expo.loyalty`` service (formulas in ``tools/formulas.py``): NULL
    without the data behind them; amounts in the company's currency."""

    _inherit = "expo.relationship"

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
    expo_rfm_recency_days = _figure(
        fields.Integer, "Days since last attended", aggregator="avg"
    )
    expo_rfm_recency = _figure(fields.Integer, "Recency score", "1 to 5, 5 = most recent.",
                               aggregator="avg")
    expo_rfm_frequency = _figure(fields.Integer, "Frequency score", "1 to 5, 5 = most editions.",
                                 aggregator="avg")
    expo_rfm_monetary = _figure(fields.Integer, "Monetary score", "1 to 5, 5 = highest fees.",
                                aggregator="avg")
    expo_rfm_cell = _figure(fields.Char, "RFM cell",
                            "Recency, frequency and monetary scores, e.g. 545.")
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
