from odoo import api, fields, models


class ExpoCardBatchLine(models.Model):
    _name = "expo.card.batch.line"
    _description = "Business Card of a Pile"
    _order = "batch_id, id"

    batch_id = fields.Many2one("expo.card.batch", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="batch_id.company_id", store=True, index=True)
    attachment_id = fields.Many2one("ir.attachment", string="Photo", ondelete="set null")
    photo = fields.Binary(related="attachment_id.datas", string="Card")
    file_name = fields.Char(related="attachment_id.name", string="File")
    state = fields.Selection(
        [("pending", "To read"), ("read", "Read"), ("failed", "Not read")],
        default="pending",
        required=True,
        readonly=True,
    )
    error = fields.Char(readonly=True)
    name = fields.Char()
    company_name = fields.Char(string="Company name")
    function = fields.Char(string="Job title")
    email = fields.Char()
    mobile = fields.Char()
    phone = fields.Char()
    website = fields.Char()
    street = fields.Char()
    city = fields.Char()
    country_id = fields.Many2one("res.country")
    raw_text = fields.Text(string="Text read", readonly=True)
    class_id = fields.Many2one("expo.followup.class", string="Follow-up class")
    note = fields.Char()
    match_partner_id = fields.Many2one(
        "res.partner", string="Existing contact", readonly=True,
        help="The contact this card matches (email, phone, company and name); "
        "confirming completes it instead of creating a new one.",
    )
    participation_id = fields.Many2one("expo.participation", readonly=True, ondelete="set null")

    FIELDS = ("name", "company_name", "function", "email", "mobile", "phone", "website",
              "street", "city")

    def _capture_values(self):
        self.ensure_one()
        values = {fname: self[fname] or False for fname in self.FIELDS}
        values["country_code"] = self.country_id.code or False
        values["source"] = "card"
        if self.attachment_id:
            values["card_image"] = self.attachment_id.raw
            values["card_image_name"] = self.attachment_id.name
        return values

    @api.model
    def _values_of_card(self, card):
        """Line values of what ``read_card`` answered."""
        vals = {fname: (card.get(fname) or False) for fname in self.FIELDS}
        code = card.get("country_code")
        if code:
            vals["country_id"] = (
                self.env["res.country"].search([("code", "=", code.upper())], limit=1).id or False
            )
        raw = card.get("raw_text")
        if isinstance(raw, list | tuple):
            raw = "\n".join(str(item) for item in raw)
        vals["raw_text"] = raw or False
        return vals
