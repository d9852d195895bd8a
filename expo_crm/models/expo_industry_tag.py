from odoo import fields, models


class ExpoIndustryTag(models.Model):
    _name = "expo.industry.tag"
    _description = "Fair Industry"
    _order = "name"

    name = fields.Char(required=True, translate=True)
    color = fields.Integer()

    _sql_constraints = [
        ("name_unique", "unique(name)", "This industry already exists."),
    ]
