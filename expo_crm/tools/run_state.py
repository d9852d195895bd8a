"""The memory of an engine's periodic run (the lifecycle's daily cron, the
loyalty's nightly one), kept as JSON in a system parameter, and the one rule
that says when such a run must look at everything again instead of at what
changed since the previous one."""

import json
from datetime import datetime

from odoo import fields

_DATES = ("date", "full")


def read_run_state(env, key):
    """The stored memory as a dict (``date`` and ``full`` as dates, ``since``
    as a datetime when present), or None when missing or unreadable."""
    raw = env["ir.config_parameter"].sudo().get_param(key)
    try:
        state = json.loads(raw)
        for name in _DATES:
            state[name] = fields.Date.to_date(state[name])
        if "since" in state:
            state["since"] = datetime.fromisoformat(state["since"])
        state["rules"], state["rates"]  # noqa: B018 (both required)
    except (TypeError, ValueError, KeyError):
        return None
    return state


def write_run_state(env, key, **state):
    env["ir.config_parameter"].sudo().set_param(key, json.dumps(state, default=str))


def rates_fingerprint(env):
    """Changes whenever a currency rate is entered, changed or deleted (fees
    are converted at each fair's date)."""
    env["res.currency.rate"].flush_model()
    env.cr.execute("SELECT COUNT(*), MAX(write_date) FROM res_currency_rate")
    count, latest = env.cr.fetchone()
    return f"{count} {latest}"


def full_run_due(state, rules, rates, today, every_days):
    """Whether the run must recompute everything: it never ran (or its memory
    is unreadable), a rule's setting or a currency rate changed since, the
    clock went back, or the last full run is ``every_days`` days old."""
    return (
        not state
        or state["rules"] != rules
        or state["rates"] != rates
        or not (state["date"] <= today and 0 <= (today - state["full"]).days < every_days)
    )
