from odoo import fields, models


class ExpoCaptureLog(models.Model):
    """One capture sent by a phone (or a card of a pile), by the id the
    phone gave it: a capture sent twice (lost answer, offline queue sent
    again) finds its log and creates nothing more."""

    _name = "expo.capture.log"
    _description = "Capture at the Fair"
    _order = "create_date desc, id desc"
    _check_company_auto = True

    client_uid = fields.Char(string="Capture id", required=True, index=True, readonly=True)
    participation_id = fields.Many2one(
        "expo.participation", required=True, ondelete="cascade", index=True, readonly=True,
        check_company=True,
    )
    partner_id = fields.Many2one(related="participation_id.partner_id", string="Contact")
    fair_id = fields.Many2one(related="participation_id.fair_id", store=True, index=True)
    class_id = fields.Many2one(related="participation_id.followup_class_id", string="Class")
    user_id = fields.Many2one(
        "res.users", string="Captured by", default=lambda self: self.env.user, readonly=True,
        index=True,
    )
    source = fields.Selection(
        [("scan", "Badge scan"), ("card", "Business card"), ("manual", "Typed")],
        default="manual",
        readonly=True,
    )
    company_id = fields.Many2one("res.company", required=True, index=True, readonly=True)

    _sql_constraints = [
        (
            "client_uid_company_unique",
            "unique(company_id, client_uid)",
            "This capture was already saved.",
        ),
    ]
