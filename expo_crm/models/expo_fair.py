from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

OUR_PARTS = [
    ("organize", "We organize it"),
    ("exhibit", "We exhibit"),
    ("visit", "We visit"),
]
# Participation states that make a participant (invited contacts and
# cancelled participations are not counted as participants).
PARTICIPANT_EXCLUDED_STATES = ("invited", "cancelled")


class ExpoFair(models.Model):
    _name = "expo.fair"
    _description = "Fair Edition"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_begin desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True, tracking=True)
    series_id = fields.Many2one(
        "expo.series", index=True, tracking=True, check_company=True
    )
    date_begin = fields.Date(string="Start date", required=True, tracking=True)
    date_end = fields.Date(string="End date", required=True, tracking=True)
    venue = fields.Char(translate=True)
    city = fields.Char(translate=True)
    country_id = fields.Many2one("res.country")
    organizer_id = fields.Many2one(
        "res.partner",
        compute="_compute_organizer_id",
        store=True,
        readonly=False,
    )
    fair_type = fields.Selection(
        [("trade", "Trade fair"), ("consumer", "Consumer fair"), ("mixed", "Mixed")],
        string="Type",
        default="trade",
        required=True,
    )
    scope = fields.Selection(
        [
            ("international", "International"),
            ("national", "National"),
            ("regional", "Regional"),
            ("local", "Local"),
        ],
        default="international",
        required=True,
    )
    fair_format = fields.Selection(
        [("physical", "Physical"), ("virtual", "Virtual"), ("hybrid", "Hybrid")],
        string="Format",
        default="physical",
        required=True,
    )
    industry_tag_ids = fields.Many2many("expo.industry.tag", string="Industries")
    user_id = fields.Many2one(
        "res.users", string="Responsible", default=lambda self: self.env.user, tracking=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(
        "res.currency", compute="_compute_currency_id", store=True, readonly=False,
        precompute=True, required=True,
        help="The currency of this edition's fees (the company's by default); "
        "figures convert them to the company's currency at the fair's date.",
    )
    state = fields.Selection(
        [
            ("planned", "Planned"),
            ("open", "Open"),
            ("closed", "Closed"),
            ("cancelled", "Cancelled"),
        ],
        default="planned",
        required=True,
        tracking=True,
        group_expand=True,
    )
    expo_our_part = fields.Selection(
        OUR_PARTS,
        string="Our part in this fair",
        default="exhibit",
        required=True,
        help="Whether we organize this fair, exhibit at it or visit it: sets "
        "the roles classified after the fair and the wording of invitations.",
    )
    classify_role_ids = fields.Many2many(
        "expo.role",
        "expo_fair_classify_role_rel",
        "fair_id",
        "role_id",
        string="Roles to classify",
        compute="_compute_classify_role_ids",
        store=True,
        readonly=False,
        help="Contacts in these roles are listed when the fair's contacts are "
        "classified for follow-up. Defaults from our part in the fair and the "
        "roles marked “Classified after a fair”.",
    )
    color = fields.Integer()
    description = fields.Html()
    participation_ids = fields.One2many("expo.participation", "fair_id", string="Participations")
    participation_count = fields.Integer(
        compute="_compute_participation_counts", store=True, string="Participants",
        help="Participations in this edition, whatever the role (a contact holding "
        "two roles counts in each); invited contacts who have not registered are "
        "counted apart.",
    )
    invited_count = fields.Integer(
        compute="_compute_participation_counts", store=True, string="Invited",
        help="Contacts invited to this edition who have not registered yet.",
    )
    attended_count = fields.Integer(
        compute="_compute_participation_counts", store=True, string="Attended"
    )
    exhibitor_count = fields.Integer(
        compute="_compute_participation_counts", store=True, string="Exhibitors"
    )
    trade_visitor_count = fields.Integer(
        compute="_compute_participation_counts", store=True, string="Trade visitors"
    )
    media_count = fields.Integer(
        compute="_compute_participation_counts", store=True, string="Media"
    )
    other_role_count = fields.Integer(
        compute="_compute_participation_counts",
        store=True,
        string="Other roles",
        help="Participants who are neither exhibitors, trade visitors nor media: "
        "organizers, associations, sponsors, service providers, public visitors.",
    )
    fee_total = fields.Monetary(
        compute="_compute_participation_counts", store=True, string="Fees"
    )
    previous_fair_id = fields.Many2one(
        "expo.fair", compute="_compute_edition", string="Previous edition"
    )
    edition_number = fields.Integer(compute="_compute_edition", string="Edition")
    new_partner_count = fields.Integer(
        compute="_compute_new_returning", string="New participants"
    )
    returning_partner_count = fields.Integer(
        compute="_compute_new_returning", string="Returning participants"
    )

    @api.depends("series_id")
    def _compute_organizer_id(self):
        for fair in self:
            # The series' organizer by default; a hand-picked one stays when
            # the series has none.
            fair.organizer_id = fair.series_id.organizer_id or fair.organizer_id

    @api.depends("company_id")
    def _compute_currency_id(self):
        for fair in self:
            fair.currency_id = fair.currency_id or fair.company_id.currency_id or self.env.company.currency_id

    @api.depends("expo_our_part")
    def _compute_classify_role_ids(self):
        flagged = self.env["expo.role"].search([("classify_after_fair", "=", True)])
        exhibitors = flagged.filtered(lambda r: r.code == "exhibitor")
        for fair in self:
            # Visiting a fair, the people we meet are the exhibitors (our
            # suppliers); organizing or exhibiting, everyone flagged.
            fair.classify_role_ids = exhibitors if fair.expo_our_part == "visit" else flagged

    @api.depends(
        "participation_ids.state",
        "participation_ids.role_id",
        "participation_ids.fee_amount",
    )
    def _compute_participation_counts(self):
        counts = defaultdict(lambda: defaultdict(int))
        fees = defaultdict(float)
        fair_ids = [fid for fid in self.ids if fid]
        if fair_ids:
            groups = self.env["expo.participation"]._read_group(
                [("fair_id", "in", fair_ids), ("state", "!=", "cancelled")],
                ["fair_id", "role_id", "state"],
                ["__count", "fee_amount:sum"],
            )
            for fair, role, state, count, fee in groups:
                bucket = counts[fair.id]
                if state in PARTICIPANT_EXCLUDED_STATES:
                    bucket["invited"] += count
                    continue
                bucket["all"] += count
                fees[fair.id] += fee
                if state == "attended":
                    bucket["attended"] += count
                bucket[role.code] += count
        for fair in self:
            bucket = counts[fair.id]
            fair.participation_count = bucket["all"]
            fair.invited_count = bucket["invited"]
            fair.attended_count = bucket["attended"]
            fair.exhibitor_count = bucket["exhibitor"]
            fair.trade_visitor_count = bucket["trade_visitor"]
            fair.media_count = bucket["media"]
            fair.other_role_count = bucket["all"] - (
                bucket["exhibitor"] + bucket["trade_visitor"] + bucket["media"]
            )
            fair.fee_total = fees[fair.id]

    @api.depends("series_id", "date_begin")
    def _compute_edition(self):
        series_ids = self.series_id.ids
        editions = defaultdict(list)
        if series_ids:
            for fair in self.search(
                [("series_id", "in", series_ids), ("state", "!=", "cancelled")],
                order="date_begin asc, id asc",
            ):
                editions[fair.series_id.id].append(fair)
        for fair in self:
            fair.previous_fair_id = False
            fair.edition_number = 0
            if not fair.series_id or not fair.date_begin:
                continue
            earlier = [
                f
                for f in editions[fair.series_id.id]
                if (f.date_begin, f.id) < (fair.date_begin, fair._origin.id or 0)
                and f.id != fair._origin.id
            ]
            fair.previous_fair_id = earlier[-1] if earlier else False
            fair.edition_number = len(earlier) + 1

    def _expo_new_returning_query(self, fair_ids):
        """One query: (fair_id, partner_id, returning) for every partner who
        attended one of ``fair_ids``; returning means it attended an earlier
        edition of the same series."""
        self.env["expo.participation"].flush_model(["fair_id", "partner_id", "state"])
        self.env["expo.fair"].flush_model(["series_id", "date_begin"])
        self.env.cr.execute(
            """
            SELECT DISTINCT p.fair_id, p.partner_id,
                   EXISTS (
                       SELECT 1 FROM expo_participation q
                         JOIN expo_fair g ON g.id = q.fair_id
                        WHERE q.partner_id = p.partner_id AND q.state = 'attended'
                          AND g.series_id = f.series_id AND g.date_begin < f.date_begin)
              FROM expo_participation p
              JOIN expo_fair f ON f.id = p.fair_id
             WHERE p.fair_id = ANY(%s) AND p.state = 'attended'
            """,
            [list(fair_ids)],
        )
        return self.env.cr.fetchall()

    def _compute_new_returning(self):
        """Attended participants of this edition who attended an earlier
        edition of the same series (returning) or not (new): one query."""
        counts = defaultdict(lambda: [0, 0])
        fair_ids = [fid for fid in self.ids if fid]
        if fair_ids:
            for fair_id, _partner_id, returning in self._expo_new_returning_query(fair_ids):
                counts[fair_id][1 if returning else 0] += 1
        for fair in self:
            new, returning = counts.get(fair.id, (0, 0))
            fair.new_partner_count = new
            fair.returning_partner_count = returning

    @api.constrains("date_begin", "date_end")
    def _check_dates(self):
        for fair in self:
            if fair.date_begin and fair.date_end and fair.date_end < fair.date_begin:
                raise ValidationError(
                    _(
                        "The fair “%(name)s” cannot end (%(end)s) before it starts (%(begin)s).",
                        name=fair.name,
                        end=fair.date_end,
                        begin=fair.date_begin,
                    )
                )

    def write(self, vals):
        res = super().write(vals)
        if {"date_begin", "date_end", "state", "series_id"} & set(vals):
            # Dates and state feed the lifecycle of everyone who took part.
            self.participation_ids.partner_id._expo_update_stage()
        return res

    def unlink(self):
        partners = self.participation_ids.partner_id
        res = super().unlink()
        # The participations went with the fair (cascade): recompute their
        # contacts' lifecycle now rather than at the next cron.
        partners.exists()._expo_update_stage()
        return res

    def action_open(self):
        self.write({"state": "open"})

    def action_close(self):
        self.write({"state": "closed"})

    def action_cancel(self):
        self.write({"state": "cancelled"})

    def action_plan(self):
        self.write({"state": "planned"})

    def _action_participations(self, domain=None, context=None):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "expo_crm.expo_participation_action"
        )
        action["domain"] = [("fair_id", "=", self.id)] + (domain or [])
        action["context"] = dict({"default_fair_id": self.id}, **(context or {}))
        return action

    # The figures of the overview count every participation but the
    # cancelled ones: the records each figure opens are the same.
    _COUNTED = [("state", "not in", PARTICIPANT_EXCLUDED_STATES)]

    def action_view_invited(self):
        return self._action_participations([("state", "=", "invited")])

    def action_view_participations(self):
        return self._action_participations(self._COUNTED)

    def action_view_exhibitors(self):
        return self._action_participations(self._COUNTED + [("role_id.code", "=", "exhibitor")])

    def action_view_trade_visitors(self):
        return self._action_participations(
            self._COUNTED + [("role_id.code", "=", "trade_visitor")]
        )

    def action_view_attended(self):
        return self._action_participations([("state", "=", "attended")])

    def action_view_media(self):
        return self._action_participations(self._COUNTED + [("role_id.code", "=", "media")])

    def action_view_other_roles(self):
        return self._action_participations(
            self._COUNTED + [("role_id.code", "not in", ("exhibitor", "trade_visitor", "media"))]
        )

    def action_view_fees(self):
        return self._action_participations(self._COUNTED + [("fee_amount", ">", 0)])

    def action_view_by_role(self):
        """Participants of this edition per role, as a graph and a pivot."""
        action = self._action_participations(self._COUNTED, context={"group_by": ["role_id"]})
        action["view_mode"] = "graph,pivot,list,form"
        action["views"] = [(False, "graph"), (False, "pivot"), (False, "list"), (False, "form")]
        return action

    def _action_new_returning(self, returning):
        self.ensure_one()
        partner_ids = [
            partner_id
            for _fair_id, partner_id, is_returning in self._expo_new_returning_query(self.ids)
            if is_returning == returning
        ]
        return self._action_participations(
            [("state", "=", "attended"), ("partner_id", "in", partner_ids)]
        )

    def action_view_new(self):
        return self._action_new_returning(False)

    def action_view_returning(self):
        return self._action_new_returning(True)
