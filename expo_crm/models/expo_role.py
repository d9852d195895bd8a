from odoo import fields, models


class ExpoRole(models.Model):
    _name = "expo.role"
    _description = "Exhibition Role"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True,
        help="Stable technical code used by rules and reports (e.g. exhibitor).",
    )
    sequence = fields.Integer(default=10)
    color = fields.Integer()
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "unique(code)", "Another exhibition role already uses this code."),
    ]
