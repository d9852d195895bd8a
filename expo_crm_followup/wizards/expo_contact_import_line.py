from odoo import fields, models
from odoo.tools import SQL


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
    badge_code = fields.Char(string="Badge code")
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
    raw_cells = fields.Text(string="Cells read", help="The row's cells as read (JSON), for the error report of a background import.")

    def _transient_clean_rows_older_than(self, seconds):
        """The rows of an import still running in the background are kept."""
        self.env.cr.execute(
            SQL(
                """SELECT line.id FROM expo_contact_import_line line
                     JOIN expo_contact_import wizard ON wizard.id = line.wizard_id
                    WHERE wizard.state NOT IN ('queued', 'running')
                      AND COALESCE(line.write_date, line.create_date, (now() AT TIME ZONE 'UTC'))::timestamp
                          < (now() AT TIME ZONE 'UTC') - interval %s""",
                f"{max(seconds, 300)} seconds",
            )
        )
        self.sudo().browse([row[0] for row in self.env.cr.fetchall()]).unlink()
