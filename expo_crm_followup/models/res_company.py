from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    expo_followup_sender = fields.Selection(
        [("owner", "Contact owner"), ("company", "Company address")],
        string="Follow-up sender",
        default="owner",
        required=True,
        help="Address follow-up emails are sent from: the salesperson who owns "
        "the contact, or the company's address.",
    )
    expo_followup_auto_send = fields.Boolean(
        string="Automatic follow-up sending",
        default=True,
        help="When off, no follow-up is sent automatically: every one waits for "
        "its owner's review, whatever its class says.",
    )
    expo_followup_working_days = fields.Boolean(
        string="Deadlines in working days",
        default=True,
        help="Saturdays and Sundays do not count when a class's delay is added "
        "to the end of the fair.",
    )
    expo_followup_escalation_days = fields.Integer(
        string="Escalate after (days overdue)",
        default=2,
        help="A follow-up still not sent this many days after its deadline "
        "creates an activity for the owner's manager. 0 disables escalation.",
    )
    expo_followup_escalation_user_id = fields.Many2one(
        "res.users",
        string="Escalate to",
        help="Manager who receives escalations. Empty: the fair's responsible, "
        "or else the first exhibition manager of the company.",
    )
    expo_followup_mailing_list_id = fields.Many2one(
        "mailing.list",
        string="Follow-up mailing list",
        help="Contacts of bulk classes (e.g. E, casual visitors) are added to "
        "this list instead of receiving a personal email.",
    )
