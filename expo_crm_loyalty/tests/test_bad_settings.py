import math

from odoo.tests import tagged

from ..tools.figures import LOYALTY_PARAMS
from .common import LoyaltyCase

BAD_VALUES = ("abc", "-5", "nan", "1e308")
SETTINGS_LOGGER = "odoo.addons.expo_crm.tools.settings"
FIGURES = ("expo_clv", "expo_clv_horizon", "expo_pareto_tier", "expo_value_score",
           "expo_loyalty_segment", "expo_retention_probability")


@tagged("post_install", "-at_install")
class TestLoyaltyBadSettings(LoyaltyCase):
    def test_recompute_cron_uses_defaults_for_bad_values(self):
        partner = self.partner("Valued Exhibitor")
        self.attend(partner, self.e2 | self.e3 | self.e4, fee=2000)
        self.cost(partner, 300)
        self.env["expo.loyalty"]._cron()
        expected = self.raw(partner, *FIGURES)
        self.assertIsNotNone(expected[0])
        icp = self.env["ir.config_parameter"].sudo()
        for key, default in LOYALTY_PARAMS.items():
            for bad in BAD_VALUES:
                icp.set_param(key, bad)
                with self.assertLogs(SETTINGS_LOGGER, "WARNING"):
                    self.env["expo.loyalty"]._cron()
                figures = self.raw(partner, *FIGURES)
                self.assertFalse(
                    [f for f in figures if isinstance(f, float) and math.isnan(f)],
                    f"{key} = {bad}: NaN written",
                )
                self.assertEqual(figures, expected, f"{key} = {bad}")
            icp.set_param(key, default)
