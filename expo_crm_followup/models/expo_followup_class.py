from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

HESITATION_REASONS = [
    ("needs_evidence", "Needs market evidence"),
    ("current_supplier", "Tied to a current supplier"),
]

CAPTURE_SIGNALS = [
    ("signed", "Order signed or agreed"),
    ("samples", "Samples or quantities asked"),
    ("price", "Price or terms disputed"),
    ("catalogue", "Catalogue or price list asked"),
    ("none", "Nothing in particular"),
]


def add_delay(start, hours, working_days=False):
    """Return ``start`` + ``hours``; with ``working_days`` Saturdays and
    Sundays are skipped: a start in a weekend moves to Monday 00:00 and
    every 24 hours of delay is one working day.

    >>> add_delay(datetime(2026, 3, 6, 18), 24, True)   # Friday 18:00
    datetime(2026, 3, 9, 18)                             # Monday 18:00
    """
    if not working_days:
        return start + timedelta(hours=hours)

    def skip_weekend(moment):
        if moment.weekday() >= 5:
            moment = (moment + timedelta(days=7 - moment.weekday())).replace(
                hour=0, minute=0, second=0, microsecond=0
            )
        return moment

    moment = skip_weekend(start)
    days, rest = divmod(max(hours, 0), 24)
    for _i in range(int(days)):
        moment += timedelta(days=1)
        while moment.weekday() >= 5:
            moment += timedelta(days=1)
    moment += timedelta(hours=rest)
    if moment.weekday() >= 5 and rest:
        moment += timedelta(days=7 - moment.weekday())
    return moment


class ExpoFollowupClass(models.Model):
    _name = "expo.followup.class"
    _description = "Post-fair Contact Class"
    _order = "sequence, id"
    # The pickers show "C – Disputed terms": typing the letter finds it too.
    _rec_names_search = ["code", "name"]

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True,
        help="Short stable code (A, B, C…) shown on badges and used in reports.",
    )
    sequence = fields.Integer(
        default=10,
        help="Order of the classes; the suggestion takes the first class whose "
        "signal matches what was captured.",
    )
    priority = fields.Selection(
        [("0", "Low"), ("1", "Normal"), ("2", "High"), ("3", "Very high")],
        default="1",
        required=True,
    )
    color = fields.Integer()
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        help="Leave empty to share the class between companies.",
    )
    delay_hours = fields.Integer(
        string="Deadline (hours)",
        default=48,
        required=True,
        help="Hours after the end of the fair (or the day the contact was met) "
        "by which the follow-up must be sent.",
    )
    mail_template_id = fields.Many2one(
        "mail.template",
        string="Email template",
        domain="[('model', '=', 'expo.followup')]",
    )
    use_hesitation = fields.Boolean(
        string="Record a hesitation reason",
        help="Interested but undecided contacts: the reason picks the template.",
    )
    template_evidence_id = fields.Many2one(
        "mail.template",
        string="Template: needs evidence",
        domain="[('model', '=', 'expo.followup')]",
        help="Used when the contact needs market evidence (success cases, a trial).",
    )
    template_supplier_id = fields.Many2one(
        "mail.template",
        string="Template: current supplier",
        domain="[('model', '=', 'expo.followup')]",
        help="Used when the contact is still tied to a current supplier.",
    )
    activity_type_id = fields.Many2one(
        "mail.activity.type",
        string="Activity type",
        help="Activity scheduled for the owner with the follow-up deadline.",
    )
    auto_send = fields.Boolean(
        string="Send automatically",
        help="Send the email automatically once scheduled; otherwise it waits "
        "for the owner's review.",
    )
    bulk = fields.Boolean(
        string="Bulk mailing list",
        help="Contacts of this class join the follow-up mailing list instead of "
        "receiving a personal email.",
    )
    capture_signal = fields.Selection(
        CAPTURE_SIGNALS,
        string="Suggested when",
        default="none",
        required=True,
        help="What was captured at the booth that makes this class the suggestion.",
    )
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "expo_followup_class_attachment_rel",
        "class_id",
        "attachment_id",
        string="Documents",
        help="Catalogue, price list, certificates… attached to every follow-up "
        "email of this class. The default templates mention attachments only "
        "when the class has some.",
    )
    playbook = fields.Html(
        translate=True,
        help="What the salesperson should do for contacts of this class.",
    )
    followup_count = fields.Integer(compute="_compute_followup_count", string="Follow-ups")

    _sql_constraints = [
        ("delay_positive", "CHECK(delay_hours >= 0)", "The deadline cannot be negative."),
    ]

    @api.constrains("code", "company_id", "active")
    def _check_code_unique(self):
        for fclass in self:
            duplicate = self.search_count(
                [
                    ("id", "!=", fclass.id),
                    ("code", "=ilike", fclass.code),
                    ("company_id", "in", [fclass.company_id.id, False]),
                ]
            )
            if duplicate:
                raise ValidationError(
                    _("Another class already uses the code “%(code)s”.", code=fclass.code)
                )

    def _compute_followup_count(self):
        counts = dict(
            self.env["expo.followup"]._read_group(
                [("class_id", "in", self.ids)], ["class_id"], ["__count"]
            )
        )
        for fclass in self:
            fclass.followup_count = counts.get(fclass, 0)

    @api.depends("code", "name")
    def _compute_display_name(self):
        for fclass in self:
            fclass.display_name = (
                f"{fclass.code} – {fclass.name}" if fclass.code else fclass.name or ""
            )

    def _get_template(self, hesitation_reason=False):
        """Template for a contact of this class with this hesitation reason."""
        self.ensure_one()
        if self.use_hesitation and hesitation_reason == "needs_evidence":
            return self.template_evidence_id or self.mail_template_id
        if self.use_hesitation and hesitation_reason == "current_supplier":
            return self.template_supplier_id or self.mail_template_id
        return self.mail_template_id

    @api.model
    def _suggest_for_signals(self, signals, classes=None):
        """First class (by sequence) whose capture signal is in ``signals``
        (a set of CAPTURE_SIGNALS keys), else the class for 'none'."""
        if classes is None:
            classes = self.search([("company_id", "in", [False, self.env.company.id])])
        for fclass in classes:
            if fclass.capture_signal in signals:
                return fclass
        return classes.filtered(lambda c: c.capture_signal == "none")[:1]

    def action_view_followups(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "expo_crm_followup.expo_followup_action"
        )
        action["domain"] = [("class_id", "=", self.id)]
        action["context"] = {"search_default_group_state": 1}
        return action
