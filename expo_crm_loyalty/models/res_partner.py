import logging

from odoo import _, api, fields, models
from odoo.addons.expo_crm.tools.settings import read_param
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

ANALYST = "expo_crm_loyalty.group_expo_analyst"

SCORE_1_5 = [
    ("1", "1 – very low"),
    ("2", "2 – low"),
    ("3", "3 – medium"),
    ("4", "4 – high"),
    ("5", "5 – very high"),
]

PARETO_TIERS = [("A", "Tier A"), ("B", "Tier B"), ("C", "Tier C")]

LOYALTY_SEGMENTS = [
    ("true", "True loyalty"),
    ("latent", "Latent loyalty"),
    ("spurious", "Spurious loyalty"),
    ("none", "No loyalty"),
]

CLV_BANDS = [
    ("0_negative", "Negative"),
    ("1_under_1k", "Under 1,000"),
    ("2_1k_10k", "1,000 to 10,000"),
    ("3_10k_100k", "10,000 to 100,000"),
    ("4_100k", "100,000 and more"),
]

# Settings (ir.config_parameter) and their defaults.
LOYALTY_PARAMS = {
    "expo_crm_loyalty.weight_economic": 40.0,
    "expo_crm_loyalty.weight_demonstration": 20.0,
    "expo_crm_loyalty.weight_recommendation": 20.0,
    "expo_crm_loyalty.weight_capability": 20.0,
    "expo_crm_loyalty.pareto_a": 80.0,
    "expo_crm_loyalty.pareto_b": 95.0,
    "expo_crm_loyalty.discount_rate": 10.0,
    "expo_crm_loyalty.horizon_years": 5,
    "expo_crm_loyalty.attitude_threshold": 60.0,
    "expo_crm_loyalty.behaviour_threshold": 50.0,
    "expo_crm_loyalty.satisfaction_threshold": 3.0,
}
# Accepted range of each setting (a stored value outside it gives the
# default, with a warning), as Settings validate them.
LOYALTY_PARAM_RANGES = {
    "expo_crm_loyalty.weight_economic": (0.0, 1000.0),
    "expo_crm_loyalty.weight_demonstration": (0.0, 1000.0),
    "expo_crm_loyalty.weight_recommendation": (0.0, 1000.0),
    "expo_crm_loyalty.weight_capability": (0.0, 1000.0),
    "expo_crm_loyalty.pareto_a": (0.0, 100.0),
    "expo_crm_loyalty.pareto_b": (0.0, 100.0),
    "expo_crm_loyalty.discount_rate": (0.0, 100.0),
    "expo_crm_loyalty.horizon_years": (1, 100),
    "expo_crm_loyalty.attitude_threshold": (0.0, 100.0),
    "expo_crm_loyalty.behaviour_threshold": (0.0, 100.0),
    "expo_crm_loyalty.satisfaction_threshold": (1.0, 5.0),
}

# Stored figures written by _expo_loyalty_recompute: (field, SQL column type).
LOYALTY_COLUMNS = [
    ("expo_loyalty_scope", "bool"),
    ("expo_revenue", "float8"),
    ("expo_cost_total", "float8"),
    ("expo_economic_value", "float8"),
    ("expo_economic_value_year", "float8"),
    ("expo_profitability_rate", "float8"),
    ("expo_value_share", "float8"),
    ("expo_pareto_tier", "varchar"),
    ("expo_recommendation_count", "int4"),
    ("expo_value_economic", "float8"),
    ("expo_value_demonstration", "float8"),
    ("expo_value_recommendation", "float8"),
    ("expo_value_capability", "float8"),
    ("expo_value_score", "float8"),
    ("expo_rfm_recency_days", "int4"),
    ("expo_rfm_recency", "int4"),
    ("expo_rfm_frequency", "int4"),
    ("expo_rfm_monetary", "int4"),
    ("expo_rfm_cell", "varchar"),
    ("expo_retention_probability", "float8"),
    ("expo_repeat_count", "int4"),
    ("expo_repeat_opportunities", "int4"),
    ("expo_clv", "float8"),
    ("expo_clv_horizon", "float8"),
    ("expo_clv_band", "varchar"),
    ("expo_satisfaction_count", "int4"),
    ("expo_satisfaction_avg", "float8"),
    ("expo_satisfaction_last", "int4"),
    ("expo_satisfaction_previous", "int4"),
    ("expo_satisfaction_falling", "bool"),
    ("expo_relationship_quality", "float8"),
    ("expo_loyalty_cognitive", "float8"),
    ("expo_loyalty_affective", "float8"),
    ("expo_loyalty_conative", "float8"),
    ("expo_loyalty_behavioural", "float8"),
    ("expo_loyalty_attitude", "float8"),
    ("expo_loyalty_index", "float8"),
    ("expo_loyalty_segment", "varchar"),
]
LOYALTY_FIELDS = [name for name, _type in LOYALTY_COLUMNS]


def _sql_mean(alias, *columns):
    """SQL for the mean of the columns that are not NULL (NULL if all are)."""
    terms = [SQL.identifier(alias, column) for column in columns]
    total = SQL(" + ").join(SQL("COALESCE(%s, 0)", term) for term in terms)
    count = SQL(" + ").join(SQL("(%s IS NOT NULL)::int", term) for term in terms)
    return SQL("((%s)::float8 / NULLIF(%s, 0))", total, count)


def _figure(field_class, string, help=None, **kwargs):
    """A stored figure written by the recompute: read-only, not copied,
    analysts only."""
    return field_class(string=string, help=help, readonly=True, copy=False, groups=ANALYST, **kwargs)


class ResPartner(models.Model):
    """Value, cost, satisfaction and loyalty of exhibition relationships.

    SPECIFICATIONS (``_expo_loyalty_recompute``; every formula with a worked
    example in readme/DESCRIPTION.md). Recomputed for every contact at once
    by one SQL statement (aggregates, window functions, one batched UPDATE
    of the changed rows only); a contact without the data behind a figure
    keeps it empty (NULL). "Attended" means an attended participation of a
    fair that is not cancelled.

    - Revenue = Σ fees of attended participations; cost = Σ relationship
      costs; economic value = revenue − cost (= relationship profitability,
      value − cost); per year = economic value / active years, active years
      = last year − first year + 1 over attended fairs and costs;
      profitability rate = (revenue − cost) / cost × 100.
    - Pareto: contacts with an economic value ranked by it, descending.
      before = Σ of the positive values strictly greater than the contact's
      (ties excluded); tier A when before < 80% of the positive total, B
      when < 95%, else C; a value ≤ 0 is C. Equal values thus get the tier
      of the first of them. Share of value = value / positive total × 100.
    - Value profile 0–100: economic = value / largest value × 100 (≥ 0);
      demonstration and capability = manual 0–5 × 20; recommendation =
      attended referrals / largest count × 100. Value score = weighted mean
      of the available ones (weights in Settings).
    - RFM, over attended contacts: recency = days since the end of the last
      attended edition, frequency = editions attended, monetary = revenue.
      Score = 5 − ⌊5·b / n⌋ with n contacts and b contacts strictly better
      (fewer days, more editions, more revenue). With n ≥ 5 these are
      quintiles; with fewer, the best gets 5 and the others step down
      (n = 3: 5, 4, 2). Ties get the score of the first of them. Cell =
      R, F, M digits ("545").
    - Retention probability r = Σ editions attended / Σ editions held (not
      cancelled, started) since the first one attended, over the contact's
      series. Repeat rate = Σ (attended − 1) / Σ (held − 1): the share of
      the editions after its first one that it came back to (none held
      yet: empty).
    - CLV with m = economic value per year, d = discount rate: closed form
      m·r / (1 + d − r); horizon T: Σ_{t=1..T} m·r^(t−1) / (1 + d)^t.
    - Loyalty 0–100 with s(x) = (x − 1) × 25 for a 1–5 score: relationship
      quality Q = mean(s(trust), s(belonging), s(mean overall
      satisfaction)); cognitive = mean(s(trust), Q); affective = s(mean
      overall satisfaction); conative = mean(s(mean intent to return),
      10 × mean would-recommend); behavioural = 100 × repeat rate; attitude =
      mean(cognitive, affective, conative); index = mean(attitude,
      behavioural). Means skip the missing terms. Segment (both needed):
      attitude ≥ threshold and behaviour ≥ threshold: true; attitude only:
      latent; behaviour only: spurious; neither: none.
    - Satisfaction: latest and previous overall score (by fair date, survey
      date, id); falling when latest < previous. The lifecycle gains the
      signal "latest overall under the threshold" (weakening).
    """

    _inherit = "res.partner"

    # ------------------------------------------------------------------
    # Captured by hand
    # ------------------------------------------------------------------

    expo_trust = fields.Selection(
        SCORE_1_5,
        string="Trust",
        groups=ANALYST,
        tracking=True,
        help="How far this contact trusts the fair (1 to 5), judged by its owner.",
    )
    expo_trust_date = fields.Date(string="Trust assessed on", groups=ANALYST, copy=False)
    expo_belonging = fields.Selection(
        SCORE_1_5,
        string="Belonging",
        groups=ANALYST,
        tracking=True,
        help="Commitment of this contact to the fair (1 to 5): switching costs, few "
        "alternatives, feeling part of the community.",
    )
    expo_belonging_date = fields.Date(string="Belonging assessed on", groups=ANALYST, copy=False)
    expo_demonstration_value = fields.Integer(
        string="Demonstration value",
        groups=ANALYST,
        help="0 to 5: how much this contact's presence draws others (industry leader effect).",
    )
    expo_capability_value = fields.Integer(
        string="Capability value",
        groups=ANALYST,
        help="0 to 5: knowledge and ideas the fair learns from this contact.",
    )
    expo_referred_by_id = fields.Many2one(
        "res.partner",
        string="Referred by",
        index="btree_not_null",
        ondelete="set null",
        groups="expo_crm.group_expo_user",
        help="Who brought this contact to the fair: the referrer's recommendation value "
        "counts the referrals who attended.",
    )
    expo_relation_cost_ids = fields.One2many(
        "expo.relation.cost", "partner_id", string="Relationship costs", groups=ANALYST
    )
    expo_satisfaction_ids = fields.One2many(
        "expo.satisfaction", "partner_id", string="Satisfaction surveys", groups=ANALYST
    )

    # ------------------------------------------------------------------
    # Computed by _expo_loyalty_recompute (stored, NULL without data)
    # ------------------------------------------------------------------

    expo_loyalty_scope = _figure(
        fields.Boolean, "Has relationship figures",
        "Set by the recompute for every contact with fees, costs, surveys, referrals or "
        "relationship scores.",
    )
    expo_revenue = _figure(fields.Float, "Relationship value (fees)",
                           "Fees of the attended participations.")
    expo_cost_total = _figure(fields.Float, "Relationship cost", "Sum of the relationship costs.")
    expo_economic_value = _figure(
        fields.Float, "Economic value",
        "Fees net of costs over the whole relationship (= relationship profitability, "
        "value − cost).",
    )
    expo_economic_value_year = _figure(
        fields.Float, "Economic value per year",
        "Economic value divided by the active years (first to last year with an attended "
        "fair or a cost, inclusive).",
        aggregator="avg",
    )
    expo_profitability_rate = _figure(
        fields.Float, "Profitability (% of cost)", "(Value − cost) / cost × 100.", aggregator="avg"
    )
    expo_value_share = _figure(
        fields.Float, "Share of value (%)",
        "This contact's economic value as a share of the total positive economic value.",
    )
    expo_pareto_tier = _figure(
        fields.Selection, "Pareto tier",
        "A: the top contacts making 80% of the economic value; B: the next 15%; C: the rest "
        "(thresholds in Settings).",
        selection=PARETO_TIERS,
    )
    expo_recommendation_count = _figure(
        fields.Integer, "Referrals who attended",
        "Contacts referred by this one who attended at least one edition.",
    )
    expo_value_economic = _figure(fields.Float, "Economic (0–100)", aggregator="avg")
    expo_value_demonstration = _figure(fields.Float, "Demonstration (0–100)", aggregator="avg")
    expo_value_recommendation = _figure(fields.Float, "Recommendation (0–100)", aggregator="avg")
    expo_value_capability = _figure(fields.Float, "Capability (0–100)", aggregator="avg")
    expo_value_score = _figure(
        fields.Float, "Value score",
        "Weighted mean of the four values (economic, demonstration, recommendation, "
        "capability), 0 to 100.",
        aggregator="avg",
    )
    expo_rfm_recency_days = _figure(
        fields.Integer, "Days since last attended", aggregator="avg"
    )
    expo_rfm_recency = _figure(fields.Integer, "Recency score", "1 to 5, 5 = most recent.",
                               aggregator="avg")
    expo_rfm_frequency = _figure(fields.Integer, "Frequency score", "1 to 5, 5 = most editions.",
                                 aggregator="avg")
    expo_rfm_monetary = _figure(fields.Integer, "Monetary score", "1 to 5, 5 = highest fees.",
                                aggregator="avg")
    expo_rfm_cell = _figure(fields.Char, "RFM cell",
                            "Recency, frequency and monetary scores, e.g. 545.")
    expo_retention_probability = _figure(
        fields.Float, "Retention probability",
        "Editions attended / editions of its series held since the first one it attended.",
        aggregator="avg",
    )
    expo_repeat_count = _figure(
        fields.Integer, "Editions came back to",
        "Editions attended after the first one, in the series it attended.",
    )
    expo_repeat_opportunities = _figure(
        fields.Integer, "Editions held after the first",
        "Editions of its series held after the first one it attended.",
    )
    expo_clv = _figure(fields.Float, "Lifetime value",
                       "Closed form m·r / (1 + d − r).")
    expo_clv_horizon = _figure(
        fields.Float, "Lifetime value (horizon)", "Σ m·r^(t−1) / (1 + d)^t for t = 1 … T."
    )
    expo_clv_band = _figure(fields.Selection, "Lifetime value band", selection=CLV_BANDS)
    expo_satisfaction_count = _figure(fields.Integer, "Surveys")
    expo_satisfaction_avg = _figure(fields.Float, "Average satisfaction", aggregator="avg")
    expo_satisfaction_last = _figure(fields.Integer, "Latest satisfaction", aggregator="avg")
    expo_satisfaction_previous = _figure(fields.Integer, "Previous satisfaction", aggregator="avg")
    expo_satisfaction_falling = _figure(
        fields.Boolean, "Satisfaction falling",
        "The latest overall satisfaction is lower than the previous one.",
    )
    expo_relationship_quality = _figure(
        fields.Float, "Relationship quality",
        "Mean of trust, belonging and satisfaction, 0 to 100.", aggregator="avg",
    )
    expo_loyalty_cognitive = _figure(fields.Float, "Cognitive loyalty", aggregator="avg")
    expo_loyalty_affective = _figure(fields.Float, "Affective loyalty", aggregator="avg")
    expo_loyalty_conative = _figure(fields.Float, "Conative loyalty", aggregator="avg")
    expo_loyalty_behavioural = _figure(
        fields.Float, "Behavioural loyalty",
        "Repeat rate: editions came back to / editions held after the first × 100.",
        aggregator="avg",
    )
    expo_loyalty_attitude = _figure(fields.Float, "Attitude", aggregator="avg")
    expo_loyalty_index = _figure(fields.Float, "Loyalty index", aggregator="avg")
    expo_loyalty_segment = _figure(
        fields.Selection, "Loyalty segment",
        "Attitude against behaviour: true (both high), latent (attitude only), spurious "
        "(behaviour only), none.",
        selection=LOYALTY_SEGMENTS,
    )

    _sql_constraints = [
        (
            "expo_demonstration_value_range",
            "CHECK(expo_demonstration_value IS NULL OR expo_demonstration_value BETWEEN 0 AND 5)",
            "The demonstration value must be between 0 and 5.",
        ),
        (
            "expo_capability_value_range",
            "CHECK(expo_capability_value IS NULL OR expo_capability_value BETWEEN 0 AND 5)",
            "The capability value must be between 0 and 5.",
        ),
    ]

    # ------------------------------------------------------------------
    # Manual scores
    # ------------------------------------------------------------------

    def _expo_check_value_scores(self, vals):
        errors = []
        for name in ("expo_demonstration_value", "expo_capability_value"):
            value = vals.get(name) or 0
            if not 0 <= value <= 5:
                errors.append(
                    _(
                        "%(score)s must be between 0 and 5, not %(value)s.",
                        score=self._fields[name]._description_string(self.env),
                        value=value,
                    )
                )
        if errors:
            raise ValidationError("\n".join(errors))

    @api.constrains("expo_demonstration_value", "expo_capability_value")
    def _check_expo_value_scores(self):
        for partner in self:
            partner._expo_check_value_scores(
                {
                    "expo_demonstration_value": partner.expo_demonstration_value,
                    "expo_capability_value": partner.expo_capability_value,
                }
            )

    @api.constrains("expo_referred_by_id")
    def _check_expo_referred_by(self):
        for partner in self:
            if partner.expo_referred_by_id == partner:
                raise ValidationError(
                    _("%(partner)s cannot have referred itself.", partner=partner.display_name)
                )

    @api.model
    def _expo_date_manual_scores(self, vals):
        """Date a trust or belonging judgement when it is given without a date."""
        today = fields.Date.context_today(self)
        for score, date in (
            ("expo_trust", "expo_trust_date"),
            ("expo_belonging", "expo_belonging_date"),
        ):
            if score in vals and date not in vals:
                vals[date] = today if vals[score] else False
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._expo_check_value_scores(vals)
            self._expo_date_manual_scores(vals)
        return super().create(vals_list)

    def write(self, vals):
        if {"expo_demonstration_value", "expo_capability_value"} & set(vals):
            self._expo_check_value_scores(vals)
        if {"expo_trust", "expo_belonging"} & set(vals):
            vals = self._expo_date_manual_scores(dict(vals))
        return super().write(vals)

    # ------------------------------------------------------------------
    # Lifecycle: the low satisfaction signal
    # ------------------------------------------------------------------

    def _expo_stage_signals(self, partner_ids):
        """Weakening signal: the latest overall satisfaction (by fair date,
        survey date, id) is under the threshold. One query for all."""
        signals = super()._expo_stage_signals(partner_ids)
        threshold = self._expo_loyalty_params()["expo_crm_loyalty.satisfaction_threshold"]
        self.env["expo.satisfaction"].flush_model(["partner_id", "overall", "fair_date", "date"])
        scope = SQL("TRUE") if partner_ids is None else SQL("partner_id = ANY(%s)", list(partner_ids))
        self.env.cr.execute(
            SQL(
                """
                SELECT partner_id, overall FROM (
                    SELECT DISTINCT ON (partner_id) partner_id, overall
                      FROM expo_satisfaction
                     WHERE %s AND overall IS NOT NULL
                  ORDER BY partner_id, fair_date DESC NULLS LAST, date DESC NULLS LAST, id DESC
                ) latest
                 WHERE overall < %s
                """,
                scope,
                threshold,
            )
        )
        limit = "%g" % threshold
        for partner_id, overall in self.env.cr.fetchall():
            signals.setdefault(
                partner_id,
                (
                    "low_satisfaction",
                    _(
                        "Latest satisfaction %(score)s/5 is under %(threshold)s",
                        score=overall,
                        threshold=limit,
                    ),
                    {"score": overall, "threshold": limit},
                ),
            )
        return signals

    # ------------------------------------------------------------------
    # Recompute
    # ------------------------------------------------------------------

    @api.model
    def _expo_loyalty_params(self):
        return {
            key: read_param(self.env, key, default, *LOYALTY_PARAM_RANGES[key])
            for key, default in LOYALTY_PARAMS.items()
        }

    @api.model
    def _expo_loyalty_query(self, partner_ids=None):
        """The statement that computes every figure of every contact and
        writes the changed rows (see the class docstring). ``partner_ids``
        restricts the population (rankings, shares and maxima are then taken
        among these contacts only, and only they are written)."""
        params = self._expo_loyalty_params()
        if partner_ids is None:
            scope = SQL("TRUE")
        else:
            scope = SQL("rp.id = ANY(%s)", list(partner_ids))
        weights = [
            max(params[f"expo_crm_loyalty.weight_{name}"], 0.0)
            for name in ("economic", "demonstration", "recommendation", "capability")
        ]
        names = LOYALTY_FIELDS
        columns = SQL(", ").join(SQL.identifier(name) for name in names)
        values = SQL(", ").join(SQL.identifier("v", name) for name in names)
        current = SQL(", ").join(SQL.identifier("rp", name) for name in names)
        return SQL(
            """
            WITH fairs AS (
                -- editions that count (not cancelled), with the number of
                -- editions of their series held from them up to today
                SELECT f.id, f.series_id, f.date_end,
                       EXTRACT(YEAR FROM f.date_begin)::int AS year,
                       CASE WHEN f.series_id IS NOT NULL AND f.date_begin <= %(today)s
                            THEN COUNT(*) OVER (
                                PARTITION BY f.series_id, f.date_begin <= %(today)s
                                ORDER BY f.date_begin DESC
                                RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
                       END AS held_since
                  FROM expo_fair f
                 WHERE f.state != 'cancelled'
            ),
            per_series AS (
                -- per partner and series (NULL: fairs without series);
                -- several roles at one fair count as one edition
                SELECT p.partner_id, SUM(COALESCE(p.fee_amount, 0)) AS revenue,
                       COUNT(DISTINCT p.fair_id) AS attended,
                       MAX(fi.date_end) AS last_end,
                       MIN(fi.year) AS first_year, MAX(fi.year) AS last_year,
                       COUNT(DISTINCT p.fair_id) FILTER (WHERE fi.held_since IS NOT NULL)
                           AS attended_held,
                       MAX(fi.held_since) AS held
                  FROM expo_participation p JOIN fairs fi ON fi.id = p.fair_id
                 WHERE p.state = 'attended'
              GROUP BY p.partner_id, fi.series_id
            ),
            acts AS (
                SELECT partner_id, SUM(revenue) AS revenue, SUM(attended) AS frequency,
                       MAX(last_end) AS last_end,
                       MIN(first_year) AS first_year, MAX(last_year) AS last_year,
                       SUM(attended_held) FILTER (WHERE held IS NOT NULL)::float8
                           / SUM(held) AS r,
                       SUM(attended_held - 1) FILTER (WHERE held IS NOT NULL)::int AS repeats,
                       SUM(held - 1)::int AS opportunities
                  FROM per_series GROUP BY partner_id
            ),
            costs AS (
                SELECT partner_id, SUM(amount) AS cost,
                       MIN(EXTRACT(YEAR FROM date))::int AS first_year,
                       MAX(EXTRACT(YEAR FROM date))::int AS last_year
                  FROM expo_relation_cost GROUP BY partner_id
            ),
            sat_rows AS (
                -- empty scores are NULL: left out of the averages; the latest
                -- and previous overall scores are those of surveys that gave one
                SELECT partner_id, overall, return_intent, would_recommend,
                       ROW_NUMBER() OVER (PARTITION BY partner_id, overall IS NULL
                                          ORDER BY fair_date DESC NULLS LAST,
                                                   date DESC NULLS LAST, id DESC) AS rn
                  FROM expo_satisfaction
            ),
            sat AS (
                SELECT partner_id, COUNT(*) AS n,
                       AVG(overall)::float8 AS overall_avg,
                       AVG(return_intent)::float8 AS intent_avg,
                       AVG(would_recommend)::float8 AS recommend_avg,
                       MAX(overall) FILTER (WHERE rn = 1) AS last_overall,
                       MAX(overall) FILTER (WHERE rn = 2) AS previous_overall
                  FROM sat_rows GROUP BY partner_id
            ),
            refs AS (
                -- referrals who attended at least one edition
                -- (one index probe per referral, whatever the table sizes)
                SELECT r.expo_referred_by_id AS partner_id, COUNT(*) AS n
                  FROM res_partner r
            CROSS JOIN LATERAL (SELECT 1 FROM expo_participation q
                                  JOIN expo_fair g ON g.id = q.fair_id
                                 WHERE q.partner_id = r.id AND q.state = 'attended'
                                   AND g.state != 'cancelled'
                                 LIMIT 1) attended
                 WHERE r.expo_referred_by_id IS NOT NULL
              GROUP BY r.expo_referred_by_id
            ),
            base AS (
                -- the contacts with data, and those that had figures (their
                -- figures go back to NULL when they have no data any more)
                SELECT rp.id, acts.revenue, acts.frequency, acts.last_end,
                       GREATEST(%(today)s - acts.last_end, 0) AS days,
                       costs.cost, acts.r, acts.repeats, acts.opportunities,
                       sat.n AS sat_n, sat.overall_avg, sat.intent_avg, sat.recommend_avg,
                       sat.last_overall, sat.previous_overall,
                       COALESCE(refs.n, 0) AS referrals,
                       rp.expo_trust::int AS trust, rp.expo_belonging::int AS belonging,
                       COALESCE(rp.expo_demonstration_value, 0) AS demonstration,
                       COALESCE(rp.expo_capability_value, 0) AS capability,
                       CASE WHEN acts.partner_id IS NOT NULL OR costs.partner_id IS NOT NULL
                            THEN COALESCE(acts.revenue, 0) - COALESCE(costs.cost, 0) END AS value,
                       GREATEST(acts.last_year, costs.last_year)
                           - LEAST(acts.first_year, costs.first_year) + 1 AS years,
                       (acts.partner_id IS NOT NULL OR costs.partner_id IS NOT NULL
                        OR sat.partner_id IS NOT NULL OR refs.partner_id IS NOT NULL
                        OR rp.expo_trust IS NOT NULL OR rp.expo_belonging IS NOT NULL
                        OR rp.expo_demonstration_value > 0 OR rp.expo_capability_value > 0)
                           AS has_data
                  FROM res_partner rp
             LEFT JOIN acts ON acts.partner_id = rp.id
             LEFT JOIN costs ON costs.partner_id = rp.id
             LEFT JOIN sat ON sat.partner_id = rp.id
             LEFT JOIN refs ON refs.partner_id = rp.id
                 WHERE %(scope)s
                   AND (acts.partner_id IS NOT NULL OR costs.partner_id IS NOT NULL
                        OR sat.partner_id IS NOT NULL OR refs.partner_id IS NOT NULL
                        OR rp.expo_trust IS NOT NULL OR rp.expo_belonging IS NOT NULL
                        OR rp.expo_demonstration_value > 0 OR rp.expo_capability_value > 0
                        OR rp.expo_loyalty_scope)
            ),
            ranked AS (
                -- every ranking, on narrow rows; contacts without a value
                -- (or without attendance) form their own partition, ignored
                SELECT b.id,
                       SUM(GREATEST(b.value, 0)) OVER w_value AS total,
                       MAX(b.value) OVER w_value AS max_value,
                       -- Σ of the greater values: running sum up to the last
                       -- equal value, minus the equal values (ties excluded)
                       SUM(GREATEST(b.value, 0)) OVER (w_value ORDER BY b.value DESC)
                           - SUM(GREATEST(b.value, 0)) OVER (PARTITION BY b.value) AS before,
                       COUNT(*) OVER w_att AS n,
                       RANK() OVER (w_att ORDER BY b.days ASC) - 1 AS r_better,
                       RANK() OVER (w_att ORDER BY b.frequency DESC) - 1 AS f_better,
                       RANK() OVER (w_att ORDER BY b.revenue DESC) - 1 AS m_better,
                       MAX(b.referrals) FILTER (WHERE b.has_data) OVER () AS max_referrals
                  FROM base b
                WINDOW w_value AS (PARTITION BY b.value IS NULL),
                       w_att AS (PARTITION BY b.frequency IS NULL)
            ),
            scored AS (
                -- sums and ranks are exact (numeric); the ratios are float
                SELECT b.*,
                       CASE WHEN b.value IS NULL THEN NULL
                            WHEN b.value <= 0 OR b.total <= 0 THEN 'C'
                            WHEN b.before < %(pareto_a)s * b.total THEN 'A'
                            WHEN b.before < %(pareto_b)s * b.total THEN 'B'
                            ELSE 'C' END AS tier,
                       GREATEST(b.value, 0)::float8 AS positive_value,
                       b.total::float8 AS total_f,
                       b.max_value::float8 AS max_value_f,
                       CASE WHEN b.frequency IS NOT NULL THEN 5 - (5 * b.r_better) / b.n END
                           AS r_score,
                       CASE WHEN b.frequency IS NOT NULL THEN 5 - (5 * b.f_better) / b.n END
                           AS f_score,
                       CASE WHEN b.frequency IS NOT NULL THEN 5 - (5 * b.m_better) / b.n END
                           AS m_score,
                       b.value::float8 / b.years AS m,
                       ((b.trust - 1) * 25)::float8 AS trust_s,
                       ((b.belonging - 1) * 25)::float8 AS belonging_s,
                       (b.overall_avg - 1) * 25 AS satisfaction_s,
                       (b.intent_avg - 1) * 25 AS intent_s,
                       b.recommend_avg * 10 AS recommend_s,
                       100 * b.repeats::float8 / NULLIF(b.opportunities, 0) AS behavioural
                  FROM (SELECT base.*, ranked.total, ranked.max_value, ranked.before,
                               ranked.n, ranked.r_better, ranked.f_better, ranked.m_better,
                               ranked.max_referrals
                          FROM base JOIN ranked ON ranked.id = base.id) b
                OFFSET 0  -- a fence: each expression is computed once per row
            ),
            valued AS (
                SELECT s.*,
                       CASE WHEN s.value IS NULL THEN NULL
                            WHEN s.max_value_f > 0 THEN 100 * s.positive_value / s.max_value_f
                            ELSE 0 END AS economic_s,
                       (s.demonstration * 20)::float8 AS demonstration_s,
                       CASE WHEN s.max_referrals > 0
                            THEN 100 * s.referrals::float8 / s.max_referrals
                            ELSE 0 END AS recommendation_s,
                       (s.capability * 20)::float8 AS capability_s,
                       s.m * s.r / NULLIF(1 + %(d)s - s.r, 0) AS clv,
                       s.r / (1 + %(d)s) AS q,
                       %(quality)s AS quality
                  FROM scored s
                OFFSET 0
            ),
            loyal AS (
                SELECT l.*,
                       %(cognitive)s AS cognitive,
                       %(conative)s AS conative
                  FROM valued l
                OFFSET 0
            ),
            attitude AS (
                SELECT a.*,
                       %(attitude_mean)s AS attitude
                  FROM loyal a
                OFFSET 0
            ),
            result AS (
                SELECT c.id, c.has_data,
                       TRUE AS expo_loyalty_scope,
                       c.revenue::float8 AS expo_revenue,
                       c.cost::float8 AS expo_cost_total,
                       c.value::float8 AS expo_economic_value,
                       c.m AS expo_economic_value_year,
                       (100 * c.value::float8 / NULLIF(c.cost, 0)::float8) AS expo_profitability_rate,
                       CASE WHEN c.value IS NULL THEN NULL
                            WHEN c.total_f > 0 THEN 100 * c.positive_value / c.total_f
                            ELSE 0 END::float8 AS expo_value_share,
                       c.tier::varchar AS expo_pareto_tier,
                       c.referrals::int4 AS expo_recommendation_count,
                       c.economic_s AS expo_value_economic,
                       c.demonstration_s AS expo_value_demonstration,
                       c.recommendation_s::float8 AS expo_value_recommendation,
                       c.capability_s AS expo_value_capability,
                       ((%(we)s * COALESCE(c.economic_s, 0) + %(wd)s * c.demonstration_s
                         + %(wr)s * c.recommendation_s + %(wc)s * c.capability_s)
                        / NULLIF(CASE WHEN c.economic_s IS NULL THEN 0 ELSE %(we)s END
                                 + %(wd)s + %(wr)s + %(wc)s, 0))::float8 AS expo_value_score,
                       c.days::int4 AS expo_rfm_recency_days,
                       c.r_score::int4 AS expo_rfm_recency,
                       c.f_score::int4 AS expo_rfm_frequency,
                       c.m_score::int4 AS expo_rfm_monetary,
                       (c.r_score::text || c.f_score::text || c.m_score::text)::varchar
                           AS expo_rfm_cell,
                       c.r AS expo_retention_probability,
                       c.repeats::int4 AS expo_repeat_count,
                       c.opportunities::int4 AS expo_repeat_opportunities,
                       c.clv::float8 AS expo_clv,
                       CASE WHEN c.q = 1 THEN c.m * %(horizon)s / (1 + %(d)s)
                            ELSE c.m / (1 + %(d)s) * (1 - POWER(c.q, %(horizon)s)) / (1 - c.q)
                       END::float8 AS expo_clv_horizon,
                       CASE WHEN c.clv IS NULL THEN NULL
                            WHEN c.clv < 0 THEN '0_negative'
                            WHEN c.clv < 1000 THEN '1_under_1k'
                            WHEN c.clv < 10000 THEN '2_1k_10k'
                            WHEN c.clv < 100000 THEN '3_10k_100k'
                            ELSE '4_100k' END::varchar AS expo_clv_band,
                       c.sat_n::int4 AS expo_satisfaction_count,
                       c.overall_avg AS expo_satisfaction_avg,
                       c.last_overall::int4 AS expo_satisfaction_last,
                       c.previous_overall::int4 AS expo_satisfaction_previous,
                       (c.last_overall < c.previous_overall) AS expo_satisfaction_falling,
                       c.quality::float8 AS expo_relationship_quality,
                       c.cognitive::float8 AS expo_loyalty_cognitive,
                       c.satisfaction_s::float8 AS expo_loyalty_affective,
                       c.conative::float8 AS expo_loyalty_conative,
                       c.behavioural::float8 AS expo_loyalty_behavioural,
                       c.attitude::float8 AS expo_loyalty_attitude,
                       %(index)s::float8 AS expo_loyalty_index,
                       CASE WHEN c.attitude IS NULL OR c.behavioural IS NULL THEN NULL
                            WHEN c.attitude >= %(attitude)s AND c.behavioural >= %(behaviour)s
                                THEN 'true'
                            WHEN c.attitude >= %(attitude)s THEN 'latent'
                            WHEN c.behavioural >= %(behaviour)s THEN 'spurious'
                            ELSE 'none' END::varchar AS expo_loyalty_segment
                  FROM attitude c
            ),
            v AS (
                SELECT result.id, %(result_columns)s FROM result
            )
            UPDATE res_partner rp SET (%(columns)s) = (%(values)s)
              FROM v
             WHERE rp.id = v.id AND (%(current)s) IS DISTINCT FROM (%(values)s)
            """,
            scope=scope,
            quality=_sql_mean("s", "trust_s", "belonging_s", "satisfaction_s"),
            cognitive=_sql_mean("l", "trust_s", "quality"),
            conative=_sql_mean("l", "intent_s", "recommend_s"),
            attitude_mean=_sql_mean("a", "cognitive", "satisfaction_s", "conative"),
            index=_sql_mean("c", "attitude", "behavioural"),
            today=fields.Date.context_today(self),
            d=params["expo_crm_loyalty.discount_rate"] / 100.0,
            horizon=max(params["expo_crm_loyalty.horizon_years"], 0),
            pareto_a=params["expo_crm_loyalty.pareto_a"] / 100.0,
            pareto_b=params["expo_crm_loyalty.pareto_b"] / 100.0,
            we=weights[0],
            wd=weights[1],
            wr=weights[2],
            wc=weights[3],
            attitude=params["expo_crm_loyalty.attitude_threshold"],
            behaviour=params["expo_crm_loyalty.behaviour_threshold"],
            result_columns=SQL(", ").join(
                SQL("CASE WHEN result.has_data THEN %s END AS %s",
                    SQL.identifier("result", name), SQL.identifier(name))
                for name in names
            ),
            columns=columns,
            values=values,
            current=current,
        )

    @api.model
    def _expo_loyalty_recompute(self, partner_ids=None):
        """Recompute the figures of every contact (or of the population
        ``partner_ids``) and of every edition: a fixed number of statements
        whatever the number of contacts. Recomputing without a change in the
        data writes nothing. Returns the number of contacts whose figures
        changed."""
        if not (self.env.su or self.env.user.has_group(ANALYST)):
            raise AccessError(_("Only Expo CRM analysts can recompute loyalty figures."))
        self.env.flush_all()
        # One big statement: JIT compilation would cost more than it saves
        # (off until the end of the transaction).
        self.env.cr.execute(
            SQL(
                "SET LOCAL jit = off; SET LOCAL work_mem = '64MB'; %s",
                self._expo_loyalty_query(partner_ids),
            )
        )
        updated = self.env.cr.rowcount
        if updated:
            self.invalidate_model(LOYALTY_FIELDS)
        self.env["expo.fair"]._expo_recompute_edition_stats()
        _logger.info("Expo loyalty: figures of %s contacts changed", updated)
        return updated

    @api.model
    def _cron_expo_loyalty_recompute(self):
        return self._expo_loyalty_recompute()

    @api.model
    def _expo_pareto_summary(self):
        """(contacts in A, ranked contacts, share of value made by A) for
        the notification of "Recompute now"."""
        self.env.cr.execute(
            """
            SELECT COUNT(*) FILTER (WHERE expo_pareto_tier = 'A'),
                   COUNT(*),
                   COALESCE(SUM(expo_value_share) FILTER (WHERE expo_pareto_tier = 'A'), 0)
              FROM res_partner WHERE expo_pareto_tier IS NOT NULL
            """
        )
        return self.env.cr.fetchone()

    @api.model
    def action_expo_loyalty_recompute(self):
        """"Recompute now": recompute and tell what came out."""
        updated = self._expo_loyalty_recompute()
        in_a, ranked, share = self._expo_pareto_summary()
        if ranked:
            message = _(
                "%(updated)s contacts updated. Tier A: %(in_a)s of %(ranked)s ranked contacts "
                "(%(a_share)s%%) make %(value_share)s%% of the economic value.",
                updated=updated,
                in_a=in_a,
                ranked=ranked,
                a_share=round(100.0 * in_a / ranked, 1),
                value_share=round(share, 1),
            )
        else:
            message = _("%(updated)s contacts updated. No contact has an economic value yet.",
                        updated=updated)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": _("Loyalty figures recomputed"),
                "message": message,
                "type": "success",
                "sticky": False,
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    # ------------------------------------------------------------------
    # Report helpers
    # ------------------------------------------------------------------

    def _expo_report_satisfaction(self):
        """Surveys of this contact, oldest first (satisfaction trend)."""
        self.ensure_one()
        return self.env["expo.satisfaction"].search(
            [("partner_id", "=", self.id)], order="fair_date asc, date asc, id asc"
        )
