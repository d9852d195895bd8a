from odoo import _, api, fields, models
from odoo.tools import SQL

ANALYST = "expo_crm_loyalty.group_expo_analyst"

# Stored figures of an edition, written by _expo_recompute_edition_stats:
# (field name, SQL type of its column).
EDITION_COLUMNS = [
    ("expo_exhibitors_attended", "int4"),
    ("expo_prev_exhibitor_count", "int4"),
    ("expo_returning_exhibitor_count", "int4"),
    ("expo_churned_exhibitor_count", "int4"),
    ("expo_new_exhibitor_count", "int4"),
    ("expo_new_exhibitor_share", "float8"),
    ("expo_retention_rate", "float8"),
    ("expo_satisfaction_count", "int4"),
    ("expo_satisfaction_avg", "float8"),
    ("expo_satisfaction_1", "int4"),
    ("expo_satisfaction_2", "int4"),
    ("expo_satisfaction_3", "int4"),
    ("expo_satisfaction_4", "int4"),
    ("expo_satisfaction_5", "int4"),
    ("expo_promoter_count", "int4"),
    ("expo_detractor_count", "int4"),
    ("expo_nps", "float8"),
]


class ExpoFair(models.Model):
    """Re-exhibit and satisfaction figures of each edition.

    SPECIFICATIONS (``_expo_recompute_edition_stats``)

    - Exhibitors of an edition: partners with an *attended* participation
      in the exhibitor role. The previous edition is the latest earlier,
      not cancelled edition of the same series (as ``previous_fair_id``).
    - Re-exhibit (retention) rate of edition n, once it has started:
      exhibitors of n−1 who exhibited at n / exhibitors of n−1 × 100.
      Churned: exhibitors of n−1 missing at n. New: exhibitors of n who did
      not exhibit at n−1 (every exhibitor of a first edition is new).
    - Satisfaction: number of surveys, average overall score, the count of
      each overall score 1–5, and NPS = % of would-recommend 9–10 minus %
      of 0–6 (100 × (promoters − detractors) / surveys that answered
      would-recommend). An empty score is missing, not 0: averages and NPS
      count the surveys that gave it.
    - A figure without data stays empty (NULL), e.g. the re-exhibit rate of
      a first edition, or the NPS of an edition without surveys.
    """

    _inherit = "expo.fair"

    expo_satisfaction_ids = fields.One2many(
        "expo.satisfaction", "fair_id", string="Satisfaction surveys", groups=ANALYST
    )
    expo_exhibitors_attended = fields.Integer(
        string="Exhibitors (attended)", readonly=True, copy=False, groups=ANALYST
    )
    expo_prev_exhibitor_count = fields.Integer(
        string="Exhibitors of the previous edition", readonly=True, copy=False, groups=ANALYST
    )
    expo_returning_exhibitor_count = fields.Integer(
        string="Re-exhibitors",
        readonly=True,
        copy=False,
        groups=ANALYST,
        help="Exhibitors of the previous edition who exhibited again at this one.",
    )
    expo_churned_exhibitor_count = fields.Integer(
        string="Churned exhibitors",
        readonly=True,
        copy=False,
        groups=ANALYST,
        help="Exhibitors of the previous edition who did not exhibit at this one.",
    )
    expo_new_exhibitor_count = fields.Integer(
        string="New exhibitors",
        readonly=True,
        copy=False,
        groups=ANALYST,
        help="Exhibitors of this edition who did not exhibit at the previous one.",
    )
    expo_new_exhibitor_share = fields.Float(
        string="New exhibitors (%)", readonly=True, copy=False, groups=ANALYST, aggregator="avg"
    )
    expo_retention_rate = fields.Float(
        string="Re-exhibit rate (%)",
        readonly=True,
        copy=False,
        groups=ANALYST,
        aggregator="avg",
        help="Share of the previous edition's exhibitors who exhibited again at this one.",
    )
    expo_satisfaction_count = fields.Integer(
        string="Surveys", readonly=True, copy=False, groups=ANALYST
    )
    expo_satisfaction_avg = fields.Float(
        string="Average satisfaction", readonly=True, copy=False, groups=ANALYST, aggregator="avg"
    )
    expo_satisfaction_1 = fields.Integer(string="Rated 1", readonly=True, copy=False, groups=ANALYST)
    expo_satisfaction_2 = fields.Integer(string="Rated 2", readonly=True, copy=False, groups=ANALYST)
    expo_satisfaction_3 = fields.Integer(string="Rated 3", readonly=True, copy=False, groups=ANALYST)
    expo_satisfaction_4 = fields.Integer(string="Rated 4", readonly=True, copy=False, groups=ANALYST)
    expo_satisfaction_5 = fields.Integer(string="Rated 5", readonly=True, copy=False, groups=ANALYST)
    expo_promoter_count = fields.Integer(
        string="Promoters", readonly=True, copy=False, groups=ANALYST,
        help="Surveys with would-recommend 9 or 10.",
    )
    expo_detractor_count = fields.Integer(
        string="Detractors", readonly=True, copy=False, groups=ANALYST,
        help="Surveys with would-recommend 0 to 6.",
    )
    expo_nps = fields.Float(
        string="NPS",
        readonly=True,
        copy=False,
        groups=ANALYST,
        aggregator="avg",
        help="Net promoter score: % promoters (9–10) minus % detractors (0–6), from −100 to 100.",
    )

    # What a fair brings to its attendees' figures (editions held, fees).
    _EXPO_LOYALTY_KEYS = frozenset(
        {"date_begin", "date_end", "state", "series_id", "company_id", "currency_id"}
    )

    def _expo_touch_attendees(self):
        """Mark for the next nightly run everyone who took part in these
        fairs or in their series (the editions held there change)."""
        self.env["expo.participation"].flush_model(
            ["partner_id", "fair_id", "series_id", "company_id"]
        )
        self.env.cr.execute(
            """SELECT DISTINCT p.partner_id
                 FROM expo_fair f
                 JOIN expo_participation p
                   ON p.fair_id = f.id
                      OR (p.series_id = f.series_id AND p.company_id = f.company_id)
                WHERE f.id = ANY(%s)""",
            [self.ids],
        )
        self.env["expo.loyalty"]._expo_touch([row[0] for row in self.env.cr.fetchall()])

    @api.model_create_multi
    def create(self, vals_list):
        fairs = super().create(vals_list)
        # An edition entered after it was held: one more held in its series.
        fairs.filtered(
            lambda fair: fair.series_id and fair.date_begin
            and fair.date_begin <= fields.Date.context_today(fair)
        )._expo_touch_attendees()
        return fairs

    def unlink(self):
        self._expo_touch_attendees()
        return super().unlink()

    def write(self, vals):
        loyalty_change = self._EXPO_LOYALTY_KEYS & set(vals)
        if {"series_id", "company_id"} & loyalty_change:
            self._expo_touch_attendees()  # those of the series it leaves
        res = super().write(vals)
        if loyalty_change:
            self._expo_touch_attendees()
        if {"date_begin", "state", "series_id"} & set(vals):
            # The edition may have a new previous edition, or none.
            self._expo_recompute_edition_stats(self.ids)
        return res

    def _expo_recompute_edition_stats(self, fair_ids=None):
        """Recompute the edition figures of ``fair_ids`` and of the editions
        that follow them (None: every edition) with one statement; only
        changed rows are written. Returns the number of editions updated."""
        if fair_ids is not None:
            fair_ids = [fid for fid in fair_ids if fid]
            if not fair_ids:
                return 0
        self.env["expo.participation"].flush_model(["fair_id", "partner_id", "state", "role_code"])
        self.env["expo.satisfaction"].flush_model(["fair_id", "overall", "would_recommend"])
        self.flush_model(["series_id", "date_begin", "state"])
        if fair_ids is None:
            scope = SQL("TRUE")
        else:
            scope = SQL("(ed.id = ANY(%s) OR ed.prev_id = ANY(%s))", fair_ids, fair_ids)
        names = [name for name, _type in EDITION_COLUMNS]
        columns = SQL(", ").join(SQL.identifier(name) for name in names)
        values = SQL(", ").join(SQL.identifier("v", name) for name in names)
        current = SQL(", ").join(SQL.identifier("t", name) for name in names)
        query = SQL(
            """
            WITH ed AS (
                SELECT f.id, f.date_begin, f.state = 'cancelled' AS cancelled,
                       CASE WHEN f.state != 'cancelled' AND f.series_id IS NOT NULL
                            THEN LAG(f.id) OVER (PARTITION BY f.series_id, f.state = 'cancelled'
                                                 ORDER BY f.date_begin, f.id) END AS prev_id
                  FROM expo_fair f
            ),
            target AS (SELECT * FROM ed WHERE %(scope)s),
            ex AS (
                SELECT DISTINCT p.fair_id, p.partner_id
                  FROM expo_participation p
                 WHERE p.state = 'attended' AND p.role_code = 'exhibitor'
                   AND (p.fair_id IN (SELECT id FROM target)
                        OR p.fair_id IN (SELECT prev_id FROM target))
            ),
            cur AS (SELECT fair_id, COUNT(*) AS n FROM ex GROUP BY fair_id),
            back AS (
                SELECT t.id, COUNT(e.partner_id) AS prev_n, COUNT(c.partner_id) AS back_n
                  FROM target t
                  JOIN ex e ON e.fair_id = t.prev_id
             LEFT JOIN ex c ON c.fair_id = t.id AND c.partner_id = e.partner_id
              GROUP BY t.id
            ),
            sat AS (
                -- empty scores are NULL: averages and NPS count the answers only
                SELECT s.fair_id, COUNT(*) AS n, AVG(s.overall)::float8 AS avg,
                       COUNT(s.would_recommend) AS nps_n,
                       COUNT(*) FILTER (WHERE s.overall = 1) AS s1,
                       COUNT(*) FILTER (WHERE s.overall = 2) AS s2,
                       COUNT(*) FILTER (WHERE s.overall = 3) AS s3,
                       COUNT(*) FILTER (WHERE s.overall = 4) AS s4,
                       COUNT(*) FILTER (WHERE s.overall = 5) AS s5,
                       COUNT(*) FILTER (WHERE s.would_recommend >= 9) AS promoters,
                       COUNT(*) FILTER (WHERE s.would_recommend <= 6) AS detractors
                  FROM expo_satisfaction s
                 WHERE s.fair_id IN (SELECT id FROM target)
              GROUP BY s.fair_id
            ),
            v AS (
                SELECT t.id,
                       CASE WHEN NOT t.cancelled THEN COALESCE(cur.n, 0) END::int4
                           AS expo_exhibitors_attended,
                       CASE WHEN h.held THEN COALESCE(back.prev_n, 0) END::int4
                           AS expo_prev_exhibitor_count,
                       CASE WHEN h.held THEN COALESCE(back.back_n, 0) END::int4
                           AS expo_returning_exhibitor_count,
                       CASE WHEN h.held THEN COALESCE(back.prev_n, 0) - COALESCE(back.back_n, 0)
                       END::int4 AS expo_churned_exhibitor_count,
                       CASE WHEN NOT t.cancelled THEN COALESCE(cur.n, 0) - COALESCE(back.back_n, 0)
                       END::int4 AS expo_new_exhibitor_count,
                       CASE WHEN NOT t.cancelled AND cur.n > 0
                            THEN 100.0 * (cur.n - COALESCE(back.back_n, 0)) / cur.n
                       END::float8 AS expo_new_exhibitor_share,
                       CASE WHEN h.held AND back.prev_n > 0 THEN 100.0 * back.back_n / back.prev_n
                       END::float8 AS expo_retention_rate,
                       COALESCE(sat.n, 0)::int4 AS expo_satisfaction_count,
                       sat.avg AS expo_satisfaction_avg,
                       COALESCE(sat.s1, 0)::int4 AS expo_satisfaction_1,
                       COALESCE(sat.s2, 0)::int4 AS expo_satisfaction_2,
                       COALESCE(sat.s3, 0)::int4 AS expo_satisfaction_3,
                       COALESCE(sat.s4, 0)::int4 AS expo_satisfaction_4,
                       COALESCE(sat.s5, 0)::int4 AS expo_satisfaction_5,
                       COALESCE(sat.promoters, 0)::int4 AS expo_promoter_count,
                       COALESCE(sat.detractors, 0)::int4 AS expo_detractor_count,
                       (100.0 * (sat.promoters - sat.detractors) / NULLIF(sat.nps_n, 0))::float8
                           AS expo_nps
                  FROM target t
                 CROSS JOIN LATERAL (
                       SELECT NOT t.cancelled AND t.prev_id IS NOT NULL
                              AND t.date_begin <= %(today)s AS held) h
             LEFT JOIN cur ON cur.fair_id = t.id
             LEFT JOIN back ON back.id = t.id
             LEFT JOIN sat ON sat.fair_id = t.id
            )
            UPDATE expo_fair t SET (%(columns)s) = (%(values)s)
              FROM v
             WHERE t.id = v.id AND (%(current)s) IS DISTINCT FROM (%(values)s)
            """,
            scope=scope,
            today=fields.Date.context_today(self),
            columns=columns,
            values=values,
            current=current,
        )
        self.env.cr.execute(query)
        updated = self.env.cr.rowcount
        if updated:
            self.invalidate_model(names)
        return updated

    def _expo_churned_exhibitor_ids(self):
        """Partners who exhibited at the previous edition and not at this one."""
        self.ensure_one()
        previous = self.previous_fair_id
        if not previous:
            return []
        self.env["expo.participation"].flush_model(["fair_id", "partner_id", "state", "role_code"])
        self.env.cr.execute(
            """
            SELECT DISTINCT e.partner_id
              FROM expo_participation e
             WHERE e.fair_id = %s AND e.state = 'attended' AND e.role_code = 'exhibitor'
               AND NOT EXISTS (
                   SELECT 1 FROM expo_participation c
                    WHERE c.fair_id = %s AND c.partner_id = e.partner_id
                      AND c.state = 'attended' AND c.role_code = 'exhibitor')
            """,
            [previous.id, self.id],
        )
        return [row[0] for row in self.env.cr.fetchall()]

    def _expo_churned_relationships(self):
        """The fair's company's relationships with its churned exhibitors."""
        self.ensure_one()
        return self.env["expo.relationship"].search(
            [("partner_id", "in", self._expo_churned_exhibitor_ids()),
             ("company_id", "=", self.company_id.id)]
        )

    def action_expo_view_churned(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Churned exhibitors of %(fair)s", fair=self.display_name),
            "res_model": "res.partner",
            "view_mode": "list,kanban,form",
            "views": [
                (self.env.ref("expo_crm.res_partner_view_list_expo").id, "list"),
                (self.env.ref("expo_crm.res_partner_view_kanban_expo").id, "kanban"),
                (False, "form"),
            ],
            "domain": [("id", "in", self._expo_churned_exhibitor_ids())],
            "context": {"create": False},
        }

    def action_expo_view_re_exhibitors(self):
        """The exhibitors of this edition who exhibited at the previous one
        (the numerator of the re-exhibit rate)."""
        self.ensure_one()
        previous = self.previous_fair_id
        partner_ids = []
        if previous:
            partner_ids = self.env["expo.participation"].search(
                [("fair_id", "=", previous.id), ("state", "=", "attended"),
                 ("role_code", "=", "exhibitor")]
            ).partner_id.ids
        action = self._action_participations(
            [("state", "=", "attended"), ("role_code", "=", "exhibitor"),
             ("partner_id", "in", partner_ids)]
        )
        action["name"] = _("Re-exhibitors of %(fair)s", fair=self.display_name)
        return action

    def action_expo_view_satisfaction(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "expo_crm_loyalty.expo_satisfaction_action"
        )
        action["domain"] = [("fair_id", "=", self.id)]
        action["context"] = {"search_default_fair_id": self.id}
        return action

    def _expo_series_editions(self):
        """Editions of this edition's series up to this one, oldest first
        (for the retention report)."""
        self.ensure_one()
        if not self.series_id:
            return self
        return self.search(
            [
                ("series_id", "=", self.series_id.id),
                ("state", "!=", "cancelled"),
                ("date_begin", "<=", self.date_begin),
            ],
            order="date_begin asc, id asc",
        )
