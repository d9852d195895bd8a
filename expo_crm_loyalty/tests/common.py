from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.addons.expo_crm.tests.common import ExpoCrmCommon
from odoo.tools import SQL

from ..tools.figures import LOYALTY_PARAMS


class LoyaltyCase(ExpoCrmCommon):
    """Fixtures (on top of expo_crm's): a series of editions held in earlier
    years, contacts, participations, surveys and costs. Every figure a test
    checks is computed over the test's own contacts (``recompute(partners)``),
    so the demo data and anything else in the database does not matter.
    Figures are read on the current company's relationships (``rel``)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        get_param = cls.env["ir.config_parameter"].sudo()
        for key, default in LOYALTY_PARAMS.items():
            get_param.set_param(key, default)
        get_param.set_param("expo_crm.weakening_activity", "False")
        cls.today = fields.Date.context_today(cls.env["res.partner"])
        cls.Partner = cls.env["res.partner"]
        cls.Fair = cls.env["expo.fair"]
        cls.Participation = cls.env["expo.participation"]
        cls.Satisfaction = cls.env["expo.satisfaction"]
        cls.Cost = cls.env["expo.relation.cost"]
        cls.role_exhibitor = cls.env.ref("expo_crm.role_exhibitor")
        cls.role_visitor = cls.env.ref("expo_crm.role_trade_visitor")
        cls.series = cls.env["expo.series"].create({"name": "Loyalty Test Fair"})
        # Four yearly editions held 4, 3, 2 and 1 year(s) and a month ago (e4
        # is inside the 18-month active window), and a fifth one planned in
        # eleven months (not held: it never counts). Each lasts four days.
        starts = [cls.today - relativedelta(years=k, months=1) for k in (4, 3, 2, 1)]
        starts.append(cls.today + relativedelta(months=11))
        cls.e1, cls.e2, cls.e3, cls.e4, cls.e5 = cls.Fair.create(
            [
                {
                    "name": f"Loyalty Test Fair {start.year}",
                    "series_id": cls.series.id,
                    "date_begin": start,
                    "date_end": start + relativedelta(days=3),
                    "state": "closed" if start < cls.today else "planned",
                }
                for start in starts
            ]
        )

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------

    @classmethod
    def partner(cls, name, **vals):
        return cls.Partner.create(dict({"name": name, "is_company": True}, **vals))

    @classmethod
    def attend(cls, partner, fairs, fee=0.0, role=None, state="attended"):
        return cls.Participation.create(
            [
                {
                    "partner_id": partner.id,
                    "fair_id": fair.id,
                    "role_id": (role or cls.role_exhibitor).id,
                    "state": state,
                    "fee_amount": fee,
                }
                for fair in fairs
            ]
        )

    @classmethod
    def survey(cls, participation, overall=4, **vals):
        values = {
            "participation_id": participation.id,
            "overall": overall,
            "concept": 4,
            "behaviour": 4,
            "visual": 4,
            "product": 4,
            "service": 4,
            "expectation": 4,
            "experience": 4,
            "would_recommend": 8,
            "return_intent": 4,
        }
        values.update(vals)
        return cls.Satisfaction.create(values)

    @classmethod
    def cost(cls, partner, amount, cost_type="maintenance", when=None, fair=None):
        return cls.Cost.create(
            {
                "partner_id": partner.id,
                "amount": amount,
                "cost_type": cost_type,
                "date": when or cls.today - relativedelta(years=1),
                "fair_id": fair.id if fair else False,
            }
        )

    def recompute(self, partners):
        return self.env["expo.loyalty"]._recompute(partners.ids)

    def rel(self, partners, company=None):
        """The relationships of ``company`` (the current one) with these
        contacts, in their order."""
        found = partners._expo_relationships(company or self.env.company)
        return self.env["expo.relationship"].concat(*(found[partner.id] for partner in partners))

    def raw(self, partner, *names):
        """Stored values of the current company's relationship as the
        database holds them (None for NULL)."""
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "SELECT %s FROM expo_relationship WHERE partner_id = %s AND company_id = %s",
                SQL(", ").join(SQL.identifier(name) for name in names),
                partner.id,
                self.env.company.id,
            )
        )
        row = self.env.cr.fetchone()
        return row if len(names) > 1 else row[0]
