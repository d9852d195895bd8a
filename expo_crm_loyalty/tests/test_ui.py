from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestLoyaltyViews(HttpCase):
    """The views of the addon open in the web client without an error."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        series = cls.env["expo.series"].create({"name": "UI Test Fair"})
        fair = cls.env["expo.fair"].create(
            {"name": "UI Test Fair 2020", "series_id": series.id,
             "date_begin": "2020-03-01", "date_end": "2020-03-04", "state": "closed"}
        )
        cls.partner = cls.env["res.partner"].create({"name": "UI contact", "expo_trust": "4"})
        participation = cls.env["expo.participation"].create(
            {"partner_id": cls.partner.id, "fair_id": fair.id, "state": "attended",
             "role_id": cls.env.ref("expo_crm.role_exhibitor").id, "fee_amount": 1000}
        )
        cls.env["expo.satisfaction"].create(
            {"participation_id": participation.id, "overall": 4, "concept": 4, "behaviour": 4,
             "visual": 4, "product": 4, "service": 4, "expectation": 3, "experience": 4,
             "would_recommend": 9, "return_intent": 4}
        )
        cls.fair = fair
        cls.env["expo.loyalty"]._recompute(cls.partner.ids)
        cls.relationship = cls.partner.expo_relationship_id

    def open(self, url, selector=".o_view_controller"):
        """Open ``url`` as the administrator and wait until ``selector``
        shows up (an error in the console, or no such element within ten
        seconds, fails the test)."""
        code = """
            const deadline = Date.now() + 10000;
            (function check() {
                if (document.querySelector(%r)) {
                    console.log("test successful");
                } else if (Date.now() > deadline) {
                    console.error("Not displayed: %s");
                } else {
                    setTimeout(check, 100);
                }
            })();
        """ % (selector, selector.replace('"', "'"))
        self.browser_js(url, code, ready="odoo.isReady", login="admin")

    def test_partner_and_fair_forms(self):
        self.open(f"/odoo/contacts/{self.partner.id}", ".o_notebook a[name='expo']")
        self.open(
            f"/odoo/action-expo_crm.expo_relationship_action/{self.relationship.id}",
            ".o_notebook a[name='expo_loyalty']",
        )
        self.open(
            f"/odoo/action-expo_crm.expo_fair_action/{self.fair.id}",
            ".o_notebook a[name='expo_loyalty']",
        )

    def test_analysis_views(self):
        for xmlid in (
            "expo_crm_loyalty.expo_relationship_action_expo_value",
            "expo_crm_loyalty.expo_relationship_action_expo_clv",
            "expo_crm_loyalty.expo_fair_action_expo_retention",
            "expo_crm_loyalty.expo_satisfaction_action",
            "expo_crm_loyalty.expo_satisfaction_action_analysis",
            "expo_crm_loyalty.expo_relation_cost_action",
            "expo_crm.res_partner_action_expo",
            "expo_crm.expo_relationship_action",
        ):
            self.open(f"/odoo/action-{xmlid}")

    def test_settings(self):
        self.open(
            "/odoo/action-expo_crm.expo_config_settings_action",
            "#expo_loyalty_recompute button[name='action_expo_loyalty_recompute']",
        )
