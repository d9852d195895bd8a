from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


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

    @api.constrains("expo_followup_escalation_days")
    def _check_expo_followup_escalation_days(self):
        for company in self:
            if company.expo_followup_escalation_days < 0:
                raise ValidationError(
                    _(
                        "Escalation cannot come %(days)s days after the deadline: enter "
                        "a number of days overdue, or 0 for no escalation.",
                        days=company.expo_followup_escalation_days,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        companies._expo_followup_mailing_list()
        return companies

    def _expo_followup_mailing_list(self):
        """The follow-up mailing list of each company, created the first time
        it is needed (install, new company, first bulk class applied) so that
        classifying works with no setting touched. Returns the lists."""
        lists = self.env["mailing.list"]
        for company in self:
            mailing_list = company.sudo().expo_followup_mailing_list_id
            if not mailing_list:
                # The list is the company's own; users classifying contacts
                # need not have rights on email marketing.
                mailing_list = (
                    self.env["mailing.list"]
                    .sudo()
                    .with_context(lang=company.partner_id.lang or self.env.lang)
                    .create({"name": _("Fair follow-up: %(company)s", company=company.name)})
                )
                company.sudo().expo_followup_mailing_list_id = mailing_list
            lists |= mailing_list
        return lists
