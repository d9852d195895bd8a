from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_date

from ..tools.lang import lang_for_country


class ExpoParticipation(models.Model):
    _name = "expo.participation"
    _description = "Fair Participation"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "fair_date desc, id desc"
    _rec_names_search = ["partner_id", "fair_id", "booth"]
    _check_company_auto = True

    partner_id = fields.Many2one(
        "res.partner", string="Contact", required=True, index=True, tracking=True,
        ondelete="cascade", check_company=True,
    )
    fair_id = fields.Many2one(
        "expo.fair", required=True, index=True, tracking=True,
        ondelete="cascade", check_company=True,
    )
    role_id = fields.Many2one(
        "expo.role", required=True, index=True, tracking=True,
        ondelete="restrict",
    )
    role_code = fields.Char(related="role_id.code", store=True, string="Role code")
    series_id = fields.Many2one(related="fair_id.series_id", store=True, index=True)
    fair_date = fields.Date(related="fair_id.date_begin", store=True, string="Fair date")
    state = fields.Selection(
        [
            ("invited", "Invited"),
            ("registered", "Registered"),
            ("attended", "Attended"),
            ("no_show", "No-show"),
            ("cancelled", "Cancelled"),
        ],
        default="registered",
        required=True,
        tracking=True,
        index=True,
    )
    booth = fields.Char()
    area_sqm = fields.Float(string="Area (m²)", digits=(12, 1))
    currency_id = fields.Many2one(related="fair_id.currency_id")
    fee_amount = fields.Monetary(string="Fee", help="In the fair's currency.")
    buyer_function = fields.Selection(
        [
            ("purchasing_manager", "Purchasing manager"),
            ("purchaser", "Purchaser"),
            ("technical", "Technical staff"),
            ("market_research", "Market researcher"),
        ],
        string="Buyer function",
        help="Who we talk to at this contact: the decision maker, the buyer, "
        "the engineer, or someone studying the market.",
    )
    user_id = fields.Many2one(
        "res.users", string="Owner", default=lambda self: self.env.user, tracking=True,
        index=True,
    )
    met_date = fields.Date(string="Met on")
    source = fields.Selection(
        [("scan", "Badge scan"), ("import", "Import"), ("manual", "Manual"), ("web", "Website")],
        default="manual",
        required=True,
    )
    notes = fields.Html()
    company_id = fields.Many2one(
        "res.company",
        compute="_compute_company_id",
        store=True,
        readonly=False,
        required=True,
        index=True,
        precompute=True,
    )
    color = fields.Integer(related="role_id.color")

    _sql_constraints = [
        (
            "partner_fair_role_unique",
            "unique(partner_id, fair_id, role_id)",
            "This contact already takes part in this fair in this role.",
        ),
        ("area_positive", "CHECK(area_sqm >= 0)", "The booth area cannot be negative."),
        ("fee_positive", "CHECK(fee_amount >= 0)", "The fee cannot be negative."),
    ]

    @api.depends("fair_id")
    def _compute_company_id(self):
        for participation in self:
            participation.company_id = (
                participation.fair_id.company_id or participation.company_id or self.env.company
            )

    @api.depends("partner_id", "fair_id", "role_id")
    def _compute_display_name(self):
        for participation in self:
            participation.display_name = _(
                "%(partner)s at %(fair)s",
                partner=participation.partner_id.display_name or "",
                fair=participation.fair_id.display_name or "",
            )

    @api.constrains("state", "fair_id")
    def _check_state_fair_begun(self):
        today = fields.Date.context_today(self)
        early = self.filtered(
            lambda p: p.state in ("attended", "no_show") and p.fair_id.date_begin > today
        )
        if early:
            participation = early[0]
            labels = dict(self._fields["state"]._description_selection(self.env))
            raise ValidationError(
                _(
                    "%(contact)s cannot be marked “%(state)s” at %(fair)s: the fair "
                    "only begins on %(date)s.",
                    contact=participation.partner_id.display_name,
                    state=labels[participation.state],
                    fair=participation.fair_id.display_name,
                    date=format_date(self.env, participation.fair_id.date_begin),
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        participations = super().create(vals_list)
        participations._expo_set_new_contact_lang()
        participations.partner_id._expo_update_stage()
        return participations

    def _expo_set_new_contact_lang(self):
        """A contact created at or after the fair (badge scan, card, import)
        gets the language of its country (China: Simplified Chinese; Taiwan,
        Hong Kong, Macau: Traditional Chinese; else the company's language),
        when that language is installed. Contacts known before the fair keep
        theirs."""
        installed = {code for code, _name in self.env["res.lang"].get_installed()}
        by_lang = defaultdict(lambda: self.env["res.partner"])
        for participation in self:
            partner = participation.partner_id
            fair = participation.fair_id
            if not partner.country_id or not partner.create_date or not fair.date_begin:
                continue
            if partner.create_date.date() < fair.date_begin:
                continue
            default = participation.company_id.partner_id.lang or partner.lang
            if partner.lang not in (False, default, self.env.lang, "en_US"):
                continue  # chosen for this contact: kept
            lang = lang_for_country(partner.country_id.code, installed, default)
            if lang and lang != partner.lang:
                by_lang[lang] |= partner
        for lang, partners in by_lang.items():
            partners.write({"lang": lang})

    def write(self, vals):
        old_partners = self.partner_id if "partner_id" in vals else self.env["res.partner"]
        res = super().write(vals)
        if {"partner_id", "fair_id", "state", "area_sqm", "fee_amount", "role_id"} & set(vals):
            (old_partners | self.partner_id)._expo_update_stage()
        return res

    def unlink(self):
        partners = self.partner_id
        res = super().unlink()
        partners.exists()._expo_update_stage()
        return res

    @api.model
    def _expo_attended_domain(self):
        """What "attended" means everywhere (the lifecycle's SQL says the same:
        state attended, fair not cancelled)."""
        return [("state", "=", "attended"), ("fair_id.state", "!=", "cancelled")]

    def action_mark_attended(self):
        self.write({"state": "attended"})

    def action_mark_no_show(self):
        self.write({"state": "no_show"})
