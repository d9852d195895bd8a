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
    classify_after_fair = fields.Boolean(
        string="Classified after a fair",
        default=True,
        help="Contacts in this role are listed by default when a fair's contacts "
        "are classified for follow-up (buyers, visitors, media, exhibitors); "
        "organizers, sponsors or service providers usually are not.",
    )

    _sql_constraints = [
        ("code_unique", "unique(code)", "Another exhibition role already uses this code."),
    ]
