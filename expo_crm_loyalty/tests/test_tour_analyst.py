from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestTourAnalyst(HttpCase):
    """The analyst's screens in a real browser (tour ``expo_analyst_tour``):
    the tier × segment pivot, the retention per edition, the Relationship
    report in the Print menu; the report is then rendered to PDF."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.analyst = new_test_user(
            env, "analyst_tour",
            groups="base.group_user,expo_crm_loyalty.group_expo_analyst",
            name="Ana Lyst",
        )
        today = fields.Date.today()
        series = env["expo.series"].create({"name": "Analyst Tour Expo"})
        first, second = env["expo.fair"].create(
            [
                {
                    "name": f"Analyst Tour Expo {start.year}",
                    "series_id": series.id,
                    "date_begin": start,
                    "date_end": start + relativedelta(days=3),
                    "state": "closed",
                }
                for start in (today - relativedelta(years=2), today - relativedelta(years=1))
            ]
        )
        role = env.ref("expo_crm.role_exhibitor")
        cls.zenith = env["res.partner"].create(
            {"name": "Zenith Cranes", "is_company": True, "expo_trust": "5", "expo_belonging": "5"}
        )
        cls.yarrow = env["res.partner"].create({"name": "Yarrow Pumps", "is_company": True})
        participations = env["expo.participation"].create(
            [
                {"partner_id": cls.zenith.id, "fair_id": fair.id, "role_id": role.id,
                 "state": "attended", "fee_amount": 4500000}
                for fair in (first, second)
            ]
            + [{"partner_id": cls.yarrow.id, "fair_id": first.id, "role_id": role.id,
                "state": "attended", "fee_amount": 1000}]
        )
        env["expo.satisfaction"].create(
            {
                "participation_id": participations[1].id,
                "overall": 5, "concept": 5, "behaviour": 5, "visual": 5, "product": 5,
                "service": 5, "expectation": 4, "experience": 5, "would_recommend": 10,
                "return_intent": 5,
            }
        )
        env["expo.loyalty"]._recompute()
        cls.second = second

    def test_analyst_tour(self):
        self.assertEqual(self.zenith.expo_pareto_tier, "A")
        self.assertEqual(self.zenith.expo_loyalty_segment, "true")
        self.assertEqual(self.second.expo_retention_rate, 50.0)

        self.start_tour("/odoo", "expo_analyst_tour", login="analyst_tour")

        report = self.env.ref("expo_crm_loyalty.action_report_expo_relationship")
        self.assertIn(report, self.env["ir.actions.report"].search(
            [("binding_model_id.model", "=", "res.partner")]
        ))
        Report = self.env["ir.actions.report"].with_user(self.analyst)
        html = str(Report._render_qweb_html(report.report_name, self.zenith.ids)[0])
        for text in ("Zenith Cranes", "Analyst Tour Expo", "Pareto tier", "True loyalty",
                     "Stage history", "Satisfaction trend"):
            self.assertIn(text, html)
        pdf, report_type = Report.with_context(force_report_rendering=True)._render_qweb_pdf(
            report.report_name, self.zenith.ids
        )
        self.assertEqual(report_type, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        self.assertGreater(len(pdf), 5000)
