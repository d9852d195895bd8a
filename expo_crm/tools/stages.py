"""The relationship lifecycle's stages and the settings of its rules (plain
Python: the models, the lifecycle service and the views all read them here)."""

EXPO_STAGES = [
    ("cultivation", "Cultivation"),
    ("confirmation", "Confirmation"),
    ("trust", "Trust"),
    ("weakening", "Weakening"),
    ("dissolution", "Dissolution"),
]

PARAM_DEFAULTS = {
    "expo_crm.active_window_months": 18,
    "expo_crm.dissolution_window_months": 24,
    "expo_crm.decline_ratio": 0.5,
}
# Accepted range of each setting (a stored value outside it gives the default).
PARAM_RANGES = {
    "expo_crm.active_window_months": (1, 1200),
    "expo_crm.dissolution_window_months": (1, 1200),
    "expo_crm.decline_ratio": (0.0, 1.0),
}

# The daily cron's memory (ir.config_parameter, JSON): its last run, and the
# longest time between two full runs.
RUN_STATE_PARAM = "expo_crm.lifecycle_last_run"
FULL_RUN_DAYS = 7
