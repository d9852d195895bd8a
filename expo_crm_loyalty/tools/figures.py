"""The loyalty figures' names, choices and settings, defined once."""

ANALYST = "expo_crm_loyalty.group_expo_analyst"

SCORE_1_5 = [
    ("1", "1 – very low"),
    ("2", "2 – low"),
    ("3", "3 – medium"),
    ("4", "4 – high"),
    ("5", "5 – very high"),
]

PARETO_TIERS = [("A", "Tier A"), ("B", "Tier B"), ("C", "Tier C")]

LOYALTY_SEGMENTS = [
    ("true", "True loyalty"),
    ("latent", "Latent loyalty"),
    ("spurious", "Spurious loyalty"),
    ("none", "No loyalty"),
]

CLV_BANDS = [
    ("0_negative", "Negative"),
    ("1_under_1k", "Under 1,000"),
    ("2_1k_10k", "1,000 to 10,000"),
    ("3_10k_100k", "10,000 to 100,000"),
    ("4_100k", "100,000 and more"),
]

# Settings (ir.config_parameter) and their defaults.
LOYALTY_PARAMS = {
    "expo_crm_loyalty.weight_economic": 40.0,
    "expo_crm_loyalty.weight_demonstration": 20.0,
    "expo_crm_loyalty.weight_recommendation": 20.0,
    "expo_crm_loyalty.weight_capability": 20.0,
    "expo_crm_loyalty.pareto_a": 80.0,
    "expo_crm_loyalty.pareto_b": 95.0,
    "expo_crm_loyalty.discount_rate": 10.0,
    "expo_crm_loyalty.horizon_years": 5,
    "expo_crm_loyalty.attitude_threshold": 60.0,
    "expo_crm_loyalty.behaviour_threshold": 50.0,
    "expo_crm_loyalty.satisfaction_threshold": 3.0,
}
# Accepted range of each setting (a stored value outside it gives the
# default, with a warning), as Settings validate them.
LOYALTY_PARAM_RANGES = {
    "expo_crm_loyalty.weight_economic": (0.0, 1000.0),
    "expo_crm_loyalty.weight_demonstration": (0.0, 1000.0),
    "expo_crm_loyalty.weight_recommendation": (0.0, 1000.0),
    "expo_crm_loyalty.weight_capability": (0.0, 1000.0),
    "expo_crm_loyalty.pareto_a": (0.0, 100.0),
    "expo_crm_loyalty.pareto_b": (0.0, 100.0),
    "expo_crm_loyalty.discount_rate": (0.0, 100.0),
    "expo_crm_loyalty.horizon_years": (1, 100),
    "expo_crm_loyalty.attitude_threshold": (0.0, 100.0),
    "expo_crm_loyalty.behaviour_threshold": (0.0, 100.0),
    "expo_crm_loyalty.satisfaction_threshold": (1.0, 5.0),
}

# Judgements entered by hand on a relationship (copied by the migration).
MANUAL_FIELDS = [
    "expo_trust",
    "expo_trust_date",
    "expo_belonging",
    "expo_belonging_date",
    "expo_demonstration_value",
    "expo_capability_value",
    "expo_referred_by_id",
]

# Stored figures of expo.relationship written by the expo.loyalty service:
# (field, SQL column type).
LOYALTY_COLUMNS = [
    ("expo_loyalty_scope", "bool"),
    ("expo_revenue", "numeric"),
    ("expo_cost_total", "numeric"),
    ("expo_economic_value", "numeric"),
    ("expo_economic_value_year", "numeric"),
    ("expo_profitability_rate", "float8"),
    ("expo_value_share", "float8"),
    ("expo_pareto_tier", "varchar"),
    ("expo_recommendation_count", "int4"),
    ("expo_value_economic", "float8"),
    ("expo_value_demonstration", "float8"),
    ("expo_value_recommendation", "float8"),
    ("expo_value_capability", "float8"),
    ("expo_value_score", "float8"),
    ("expo_rfm_recency", "int4"),
    ("expo_rfm_frequency", "int4"),
    ("expo_rfm_monetary", "int4"),
    ("expo_rfm_cell", "varchar"),
    ("expo_rfm_editions", "int4"),
    ("expo_rfm_last_date", "date"),
    ("expo_retention_probability", "float8"),
    ("expo_repeat_count", "int4"),
    ("expo_repeat_opportunities", "int4"),
    ("expo_clv", "numeric"),
    ("expo_clv_horizon", "numeric"),
    ("expo_clv_band", "varchar"),
    ("expo_satisfaction_count", "int4"),
    ("expo_satisfaction_avg", "float8"),
    ("expo_satisfaction_last", "int4"),
    ("expo_satisfaction_previous", "int4"),
    ("expo_satisfaction_falling", "bool"),
    ("expo_relationship_quality", "float8"),
    ("expo_loyalty_cognitive", "float8"),
    ("expo_loyalty_affective", "float8"),
    ("expo_loyalty_conative", "float8"),
    ("expo_loyalty_behavioural", "float8"),
    ("expo_loyalty_attitude", "float8"),
    ("expo_loyalty_index", "float8"),
    ("expo_loyalty_segment", "varchar"),
]
LOYALTY_FIELDS = [name for name, _type in LOYALTY_COLUMNS]

# The nightly cron's memory (ir.config_parameter, JSON) and the longest time
# between two full recomputes.
RUN_STATE_PARAM = "expo_crm_loyalty.last_run"
FULL_RUN_DAYS = 7


# The figures that rank a relationship among its company's (Pareto, RFM,
# value profile): recomputed for every relationship even when its own data
# did not change.
RANKED_FIELDS = frozenset({
    "expo_pareto_tier", "expo_value_share", "expo_value_economic", "expo_value_demonstration",
    "expo_value_recommendation", "expo_value_capability", "expo_value_score",
    "expo_rfm_recency", "expo_rfm_frequency", "expo_rfm_monetary", "expo_rfm_cell",
})
