"""Typed reading of the addons' system parameters (``ir.config_parameter``).

A parameter is text anyone with access to the technical settings can set to
anything. The crons read them through :func:`read_param`: the value is
converted to the type of its default (bool, int, float), checked against a
range, and a value that is not a number, not finite (NaN, infinity) or out
of range gives the default and a warning in the log, never an exception or
a NaN written to the database.
"""

import logging
import math

_logger = logging.getLogger(__name__)

_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off", ""})


def _convert(raw, kind):
    """``raw`` (text) as ``kind``, or None when it is not one."""
    text = str(raw).strip()
    if kind is bool:
        lowered = text.lower()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
        return None
    try:
        number = float(text)
    except ValueError:
        return None
    if not math.isfinite(number):
        return None
    if kind is int:
        if not number.is_integer():
            return None
        return int(number)
    return number


def read_param(env, key, default, minimum=None, maximum=None):
    """Value of the system parameter ``key``, typed like ``default``.

    :param env: an environment (the parameter is read as superuser: the
        value is a setting, not a user's data);
    :param default: returned when the parameter is missing, or (with a
        warning) when it cannot be converted or is outside
        [``minimum``, ``maximum``] (bounds included, None: unbounded).
    """
    raw = env["ir.config_parameter"].sudo().get_param(key)
    if raw is None or raw is False:
        return default
    value = _convert(raw, type(default))
    if (
        value is None
        or (minimum is not None and value < minimum)
        or (maximum is not None and value > maximum)
    ):
        _logger.warning(
            "System parameter %s has an invalid value %r (expected %s between %s and %s): "
            "using the default %r.",
            key, raw, type(default).__name__, minimum, maximum, default,
        )
        return default
    return value
