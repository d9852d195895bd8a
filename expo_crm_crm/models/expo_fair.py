from odoo import _, fields, models

SALESMAN = "sales_team.group_sale_salesman"


class ExpoFair(models.Model):
    _inherit = "expo.fair"

    expo_campaign_id = fields.Many2one(
        "utm.campaign",
        string="CRM campaign",
        readonly=True,
        copy=False,
        ondelete="set null",
        help="The marketing campaign of the opportunities opened at this fair "
        "(created with the first one).",
    )
    expo_cost = fields.Monetary(
        string="Cost of the fair",
        currency_field="currency_id",
        copy=False,
        help="What the fair cost: booth fee, stand building, travel, samples… "
        "The return on cost divides the revenue won from the fair by it.",
    )
    expo_opportunity_count = fields.Integer(
        compute="_compute_expo_crm_figures", string="Opportunities", groups=SALESMAN
    )
    expo_pipeline_amount = fields.Monetary(
        compute="_compute_expo_crm_figures",
        string="Pipeline",
        currency_field="currency_id",
        groups=SALESMAN,
        help="Expected revenue of the open opportunities from this fair.",
    )
    expo_won_amount = fields.Monetary(
        compute="_compute_expo_crm_figures",
        string="Won revenue",
        currency_field="currency_id",
        groups=SALESMAN,
        help="Expected revenue of the opportunities from this fair that were won.",
    )
    expo_return_on_cost = fields.Float(
        compute="_compute_expo_crm_figures",
        string="Return on cost",
        groups=SALESMAN,
        help="Won revenue divided by the cost of the fair (0 when no cost is entered).",
    )

    def _compute_expo_crm_figures(self):
        """Open and won opportunities of the fairs: two grouped queries."""
        fairs = self.filtered("id")
        pipeline, won, count = {}, {}, {}
        if fairs:
            Lead = self.env["crm.lead"].sudo()
            base = [("expo_fair_id", "in", fairs.ids), ("type", "=", "opportunity")]
            for is_won, amounts in ((False, pipeline), (True, won)):
                for fair, total, number in Lead._read_group(
                    base + [("stage_id.is_won", "=", is_won)],
                    ["expo_fair_id"],
                    ["expected_revenue:sum", "__count"],
                ):
                    amounts[fair.id] = total
                    count[fair.id] = count.get(fair.id, 0) + number
        for fair in self:
            fair.expo_pipeline_amount = pipeline.get(fair.id, 0.0)
            fair.expo_won_amount = won.get(fair.id, 0.0)
            fair.expo_opportunity_count = count.get(fair.id, 0)
            fair.expo_return_on_cost = (
                fair.expo_won_amount / fair.expo_cost if fair.expo_cost > 0 else 0.0
            )

    def _expo_crm_campaigns(self):
        """{fair: utm.campaign}: one campaign per fair, created when missing."""
        missing = self.filtered(lambda f: not f.expo_campaign_id)
        if missing:
            campaigns = self.env["utm.campaign"].sudo().create(
                [
                    {"title": fair.name, "user_id": (fair.user_id or self.env.user).id}
                    for fair in missing
                ]
            )
            for fair, campaign in zip(missing, campaigns):
                fair.sudo().expo_campaign_id = campaign
        return {fair: fair.sudo().expo_campaign_id for fair in self}

    def _expo_crm_action(self, name, domain):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("crm.crm_lead_action_pipeline")
        action.update(
            name=name,
            domain=[("expo_fair_id", "=", self.id), ("type", "=", "opportunity")] + domain,
            context={"default_expo_fair_id": self.id, "default_type": "opportunity"},
        )
        return action

    def action_expo_view_opportunities(self):
        return self._expo_crm_action(_("Opportunities from %s", self.display_name), [])

    def action_expo_view_pipeline(self):
        return self._expo_crm_action(
            _("Open opportunities from %s", self.display_name),
            [("stage_id.is_won", "=", False)],
        )

    def action_expo_view_won(self):
        return self._expo_crm_action(
            _("Won opportunities from %s", self.display_name),
            [("stage_id.is_won", "=", True)],
        )
