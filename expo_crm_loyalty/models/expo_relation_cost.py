from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ExpoRelationCost(models.Model):
    """What a relationship costs the organizer: initial investment to win
    the contact, maintenance, and the cost of ending it. Costs are
    subtracted from the fees in the economic value."""

    _name = "expo.relation.cost"
    _description = "Relationship Cost"
    _order = "date desc, id desc"
    _check_company_auto = True

    partner_id = fields.Many2one(
        "res.partner", string="Contact", required=True, index=True, ondelete="cascade"
    )
    fair_id = fields.Many2one(
        "expo.fair", index="btree_not_null", ondelete="set null",
        check_company=True,
    )
    cost_type = fields.Selection(
        [
            ("initial", "Initial"),
            ("maintenance", "Maintenance"),
            ("termination", "Termination"),
        ],
        string="Type",
        required=True,
        default="maintenance",
        help="Initial: winning the contact (visits, invitations, discounts); maintenance: "
        "keeping it (service, gifts, hospitality); termination: ending it.",
    )
    amount = fields.Monetary(required=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    note = fields.Char()
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )

    _sql_constraints = [
        ("amount_positive", "CHECK(amount >= 0)", "A relationship cost cannot be negative."),
    ]

    @api.depends("partner_id", "cost_type")
    def _compute_display_name(self):
        labels = dict(self._fields["cost_type"]._description_selection(self.env))
        for cost in self:
            cost.display_name = _(
                "%(type)s cost of %(partner)s",
                type=labels.get(cost.cost_type, ""),
                partner=cost.partner_id.display_name or "",
            )

    @api.constrains("amount")
    def _check_amount(self):
        for cost in self:
            if cost.amount < 0:
                raise ValidationError(
                    _("A relationship cost cannot be negative (%(amount)s).", amount=cost.amount)
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if (vals.get("amount") or 0) < 0:
                raise ValidationError(
                    _("A relationship cost cannot be negative (%(amount)s).", amount=vals["amount"])
                )
        return super().create(vals_list)

    def unlink(self):
        self.env["expo.loyalty"]._expo_touch(self.partner_id.ids)
        return super().unlink()
