from odoo import fields, models


class ExpoContactImportLine(models.TransientModel):
    """One row of an uploaded contact file, as shown in the import preview:
    what the import will do with it (create, update, merge or skip) and why."""

    _name = "expo.contact.import.line"
    _description = "Contact Import Row"
    _order = "row_number, id"

    wizard_id = fields.Many2one(
        "expo.contact.import", required=True, ondelete="cascade", index=True
    )
    row_number = fields.Integer(string="Row", help="Row number in the uploaded file.")
    name = fields.Char()
    company_name = fields.Char(string="Company")
    email = fields.Char()
    phone = fields.Char(string="Phone / mobile")
    country_name = fields.Char(string="Country")
    status = fields.Selection(
        [
            ("new", "New contact"),
            ("update", "Update existing"),
            ("duplicate", "Duplicate in file"),
            ("skip", "Skipped"),
        ],
        required=True,
        default="new",
    )
    partner_id = fields.Many2one("res.partner", string="Matched contact")
    match_rule = fields.Selection(
        [("email", "Email"), ("phone", "Phone"), ("name", "Company and name")],
        string="Matched on",
    )
    problem = fields.Char(help="Why the row is skipped, or what was adjusted.")
