from odoo import api, fields, models


class ExpoSeries(models.Model):
    _name = "expo.series"
    _description = "Fair Series"
    _inherit = ["mail.thread"]
    _order = "name"

    name = fields.Char(required=True, translate=True, tracking=True)
    organizer_id = fields.Many2one("res.partner", tracking=True)
    periodicity = fields.Selection(
        [
            ("annual", "Every year"),
            ("biannual", "Twice a year"),
            ("biennial", "Every two years"),
            ("irregular", "Irregular"),
        ],
        default="annual",
        required=True,
    )
    industry_tag_ids = fields.Many2many("expo.industry.tag", string="Industries")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    fair_ids = fields.One2many("expo.fair", "series_id", string="Editions")
    fair_count = fields.Integer(compute="_compute_fair_count", string="Editions held")
    description = fields.Html()
    active = fields.Boolean(default=True)

    @api.depends("fair_ids")
    def _compute_fair_count(self):
        counts = {
            series.id: count
            for series, count in self.env["expo.fair"]._read_group(
                [("series_id", "in", self.ids)], ["series_id"], ["__count"]
            )
        }
        for series in self:
            series.fair_count = counts.get(series.id, 0)

    def action_view_fairs(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("expo_crm.expo_fair_action")
        action["domain"] = [("series_id", "=", self.id)]
        action["context"] = {"default_series_id": self.id}
        return action
