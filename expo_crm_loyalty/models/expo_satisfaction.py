from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

# The questions of the survey: name -> (lowest, highest). Any may be left
# unanswered (NULL in the database, False on the record).
SCORE_RANGES = {
    "overall": (1, 5),
    "concept": (1, 5),
    "behaviour": (1, 5),
    "visual": (1, 5),
    "product": (1, 5),
    "service": (1, 5),
    "expectation": (1, 5),
    "experience": (1, 5),
    "would_recommend": (0, 10),
    "return_intent": (1, 5),
}


def _range_check(name):
    low, high = SCORE_RANGES[name]
    return f"CHECK({name} BETWEEN {low} AND {high})"


def _is_empty(value):
    return value is None or value is False or (isinstance(value, str) and not value.strip())


class Score(fields.Integer):
    """An integer score that may be left empty: NULL in the database and
    False on the record (Odoo's Integer stores 0, which is an answer: "0,
    would not recommend")."""

    def convert_to_column(self, value, record, values=None, validate=True):
        return None if _is_empty(value) else int(value)

    def convert_to_cache(self, value, record, validate=True):
        return None if _is_empty(value) else int(value)

    def convert_to_record(self, value, record):
        return False if value is None else value

    def convert_to_read(self, value, record, use_display_name=True):
        return False if value is None else value

    def convert_to_export(self, value, record):
        return "" if _is_empty(value) else value


class ExpoSatisfaction(models.Model):
    """Satisfaction survey of one participation (one survey per participation).

    Scores, each of which may be left empty (a partial survey counts for
    the questions answered): overall 1–5; the 5S dimensions (concept,
    behaviour, visual, product, service) 1–5; expectation and experience
    1–5 with gap = experience − expectation (when both are answered);
    would-recommend 0–10 (NPS class: promoter 9–10, passive 7–8, detractor
    0–6; none when unanswered); intent to return 1–5. A score given as text
    ("4") is converted; one that is not a whole number is refused, like an
    out-of-range one, with a readable message (on create before anything
    is written) and by a CHECK constraint in the database. A survey belongs
    to an attended participation.
    """

    _name = "expo.satisfaction"
    _description = "Fair Satisfaction Survey"
    _order = "fair_date desc, date desc, id desc"
    _check_company_auto = True

    participation_id = fields.Many2one(
        "expo.participation",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    partner_id = fields.Many2one(
        related="participation_id.partner_id", store=True, index=True, string="Contact"
    )
    fair_id = fields.Many2one(
        related="participation_id.fair_id", store=True, index=True, string="Fair"
    )
    series_id = fields.Many2one(
        related="participation_id.series_id", store=True, index=True, string="Series"
    )
    role_id = fields.Many2one(related="participation_id.role_id", store=True, string="Role")
    fair_date = fields.Date(related="participation_id.fair_date", store=True, string="Fair date")
    company_id = fields.Many2one(
        related="participation_id.company_id", store=True, index=True, string="Company"
    )
    date = fields.Date(string="Survey date", default=fields.Date.context_today, required=True)
    overall = Score(
        aggregator="avg", help="Overall satisfaction, 1 to 5."
    )
    concept = Score(
        aggregator="avg",
        help="Fair concept and positioning, 1 to 5.",
    )
    behaviour = Score(
        aggregator="avg",
        help="Behaviour of the organizer's staff, 1 to 5.",
    )
    visual = Score(
        aggregator="avg",
        help="Visual identity, venue and layout, 1 to 5.",
    )
    product = Score(
        aggregator="avg",
        help="The fair as a product: visitors, exhibitors, programme, 1 to 5.",
    )
    service = Score(
        aggregator="avg",
        help="Services around the fair (logistics, catering, support), 1 to 5.",
    )
    expectation = Score(
        aggregator="avg",
        help="What the participant expected before the fair, 1 to 5.",
    )
    experience = Score(
        aggregator="avg",
        help="What the participant experienced, 1 to 5.",
    )
    gap = Score(
        compute="_compute_gap",
        store=True,
        aggregator="avg",
        help="Experience minus expectation: negative means the fair fell short of what "
        "was expected.",
    )
    would_recommend = Score(
        string="Would recommend",
        aggregator="avg",
        help="How likely the participant is to recommend the fair, 0 to 10.",
    )
    nps_class = fields.Selection(
        [("promoter", "Promoter"), ("passive", "Passive"), ("detractor", "Detractor")],
        string="NPS class",
        compute="_compute_nps_class",
        store=True,
        help="Promoter: 9–10, passive: 7–8, detractor: 0–6.",
    )
    return_intent = Score(
        string="Intent to return",
        aggregator="avg",
        help="How likely the participant is to come back, 1 to 5.",
    )
    comment = fields.Text()

    _sql_constraints = [
        (
            "participation_unique",
            "unique(participation_id)",
            "This participation already has a satisfaction survey.",
        ),
        ("overall_range", _range_check("overall"), "Overall satisfaction must be between 1 and 5."),
        ("concept_range", _range_check("concept"), "Concept must be between 1 and 5."),
        ("behaviour_range", _range_check("behaviour"), "Behaviour must be between 1 and 5."),
        ("visual_range", _range_check("visual"), "Visual must be between 1 and 5."),
        ("product_range", _range_check("product"), "Product must be between 1 and 5."),
        ("service_range", _range_check("service"), "Service must be between 1 and 5."),
        ("expectation_range", _range_check("expectation"), "Expectation must be between 1 and 5."),
        ("experience_range", _range_check("experience"), "Experience must be between 1 and 5."),
        (
            "would_recommend_range",
            _range_check("would_recommend"),
            "Would recommend must be between 0 and 10.",
        ),
        (
            "return_intent_range",
            _range_check("return_intent"),
            "Intent to return must be between 1 and 5.",
        ),
    ]

    @api.depends("expectation", "experience")
    def _compute_gap(self):
        for survey in self:
            answered = not _is_empty(survey.expectation) and not _is_empty(survey.experience)
            survey.gap = survey.experience - survey.expectation if answered else False

    @api.depends("would_recommend")
    def _compute_nps_class(self):
        for survey in self:
            score = survey.would_recommend
            if _is_empty(score):
                survey.nps_class = False
            else:
                survey.nps_class = (
                    "promoter" if score >= 9 else "passive" if score >= 7 else "detractor"
                )

    @api.depends("participation_id")
    def _compute_display_name(self):
        for survey in self:
            survey.display_name = _(
                "Satisfaction of %(participation)s",
                participation=survey.participation_id.display_name or "",
            )

    # ------------------------------------------------------------------
    # Validation
    # ------------------------------------------------------------------

    @api.model
    def _expo_parse_score(self, value):
        """``value`` as a whole number, False when empty, None when it is not
        a number (text, a fraction, anything else)."""
        if _is_empty(value):
            return False
        if isinstance(value, bool):
            return None
        if isinstance(value, str):
            value = value.strip()
            try:
                value = float(value) if not value.lstrip("+-").isdigit() else int(value)
            except ValueError:
                return None
        if isinstance(value, float):
            if not value.is_integer():
                return None
            value = int(value)
        return value if isinstance(value, int) else None

    def _expo_score_error(self, name, value):
        """The readable message for a score that is not a whole number in its
        range, or None (empty is not an error)."""
        low, high = SCORE_RANGES[name]
        label = self._fields[name]._description_string(self.env)
        number = self._expo_parse_score(value)
        if number is None:
            return _(
                "%(score)s must be a whole number between %(low)s and %(high)s, "
                "not “%(value)s”.",
                score=label,
                low=low,
                high=high,
                value=value,
            )
        if number is False or low <= number <= high:
            return None
        return _(
            "%(score)s must be between %(low)s and %(high)s, not %(value)s.",
            score=label,
            low=low,
            high=high,
            value=number,
        )

    def _expo_check_score_vals(self, vals):
        """Refuse bad scores with every reason at once; convert the good
        ones given as text (``vals`` is updated in place)."""
        errors = [
            error
            for name in SCORE_RANGES
            if name in vals and (error := self._expo_score_error(name, vals[name]))
        ]
        if errors:
            raise ValidationError("\n".join(errors))
        for name in SCORE_RANGES:
            if name in vals:
                vals[name] = self._expo_parse_score(vals[name])

    @api.constrains(*SCORE_RANGES)
    def _check_scores(self):
        for survey in self:
            survey._expo_check_score_vals({name: survey[name] for name in SCORE_RANGES})

    def _expo_check_unique_participation(self, participation_ids, exclude_ids=()):
        """Refuse a second survey for a participation, with a clear message,
        before the database's unique constraint does (one query)."""
        seen, duplicates = set(), set()
        for pid in participation_ids:
            (duplicates if pid in seen else seen).add(pid)
        if seen:
            # Raw SQL on purpose: a search would flush the pending write first
            # and let the unique index answer with a technical error.
            self.env.cr.execute(
                "SELECT participation_id FROM expo_satisfaction"
                " WHERE participation_id = ANY(%s) AND NOT id = ANY(%s)",
                [list(seen), list(exclude_ids)],
            )
            duplicates.update(row[0] for row in self.env.cr.fetchall())
        if duplicates:
            names = self.env["expo.participation"].browse(sorted(duplicates)).mapped("display_name")
            raise ValidationError(
                _(
                    "A participation has one satisfaction survey only; these already have "
                    "one: %(participations)s.",
                    participations=", ".join(names),
                )
            )

    @api.constrains("participation_id")
    def _check_participation_unique(self):
        self._expo_check_unique_participation(self.participation_id.ids, self.ids)

    @api.model
    def _expo_check_attended(self, participations):
        """Only someone who attended the fair answers its survey."""
        absent = participations.filtered(lambda p: p.state != "attended")
        if absent:
            raise ValidationError(
                _(
                    "A satisfaction survey needs an attended participation; "
                    "%(participations)s did not attend. Mark the participation "
                    "attended first.",
                    participations=", ".join(absent.mapped("display_name")),
                )
            )

    @api.constrains("participation_id")
    def _check_participation_attended(self):
        self._expo_check_attended(self.participation_id)

    # ------------------------------------------------------------------
    # CRUD: keep the lifecycle and the edition figures current
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._expo_check_score_vals(vals)
        self._expo_check_attended(
            self.env["expo.participation"].browse(
                [vals["participation_id"] for vals in vals_list if vals.get("participation_id")]
            )
        )
        self._expo_check_unique_participation(
            [vals["participation_id"] for vals in vals_list if vals.get("participation_id")]
        )
        surveys = super().create(vals_list)
        surveys._expo_after_change(surveys.partner_id, surveys.fair_id)
        return surveys

    def write(self, vals):
        vals = dict(vals)
        self._expo_check_score_vals(vals)
        if vals.get("participation_id"):
            self._expo_check_unique_participation(
                [vals["participation_id"]] * len(self), self.ids
            )
        partners, fairs = self.partner_id, self.fair_id
        res = super().write(vals)
        if {"participation_id", "overall", "would_recommend", "fair_date"} & set(vals):
            self._expo_after_change(partners | self.partner_id, fairs | self.fair_id)
        return res

    def unlink(self):
        partners, fairs = self.partner_id, self.fair_id
        self.env["expo.loyalty"]._expo_touch(partners.ids)
        res = super().unlink()
        self._expo_after_change(partners.exists(), fairs.exists())
        return res

    def _expo_after_change(self, partners, fairs):
        """A survey feeds the lifecycle (low satisfaction signal) and the
        figures of its edition; both are updated at once, set-based."""
        if partners:
            partners._expo_update_stage()
        if fairs:
            self.env["expo.fair"]._expo_recompute_edition_stats(fairs.ids)
