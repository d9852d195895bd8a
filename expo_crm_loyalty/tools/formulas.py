"""Every loyalty formula, as the one SQL statement that computes them.

One CTE per family, in the order of the statement (the worked examples
are in readme/DESCRIPTION.md):

- ``fairs``, ``per_series``, ``acts``: attendance per (partner, company)
  from the company's own fairs: fees converted to the company's currency at
  each fair's first day (``fair_rate``, expo_crm's rule), editions, years;
- ``costs``: relationship costs of the company;
- ``sat_rows``, ``sat``: satisfaction of the company's fairs;
- ``refs``: referrals who attended one of the company's fairs;
- ``base``: one row per relationship (``expo_relationship``) with data;
- ``ranked``, ``scored``: Pareto (share of value, tier) and RFM, ranked
  within each company;
- ``valued``: value profile, CLV;
- ``loyal``, ``attitude``: relationship quality and loyalty components;
- ``result``: the stored figures, including the segment.
"""

from odoo.addons.expo_crm.tools.currency import fair_rate_cte
from odoo.tools import SQL

from .figures import LOYALTY_FIELDS, RANKED_FIELDS
from .sql import scope_sql, sql_mean


def loyalty_update_sql(params, today, partner_ids=None, keep_others=False):
    """The statement that computes every figure of every relationship (or
    of the contacts ``partner_ids``) and writes the rows that changed.

    With ``partner_ids`` alone, rankings, shares and maxima are taken among
    these contacts only. With ``keep_others`` (the nightly run), the other
    relationships keep their stored figures and take part in the rankings
    with them (``kept``): only their ranked figures may change."""
    weights = [
        max(params[f"expo_crm_loyalty.weight_{name}"], 0.0)
        for name in ("economic", "demonstration", "recommendation", "capability")
    ]
    names = LOYALTY_FIELDS
    ranked = [name for name in names if name in RANKED_FIELDS]
    return SQL(
        """
        WITH %(fair_rate)s,
        fairs AS (
            -- editions that count (not cancelled), with the number of
            -- editions of their series (in their company) held from them
            -- up to today
            SELECT f.id, f.company_id, f.series_id, f.date_end,
                   EXTRACT(YEAR FROM f.date_begin)::int AS year,
                   CASE WHEN f.series_id IS NOT NULL AND f.date_begin <= %(today)s
                        THEN COUNT(*) OVER (
                            PARTITION BY f.series_id, f.company_id, f.date_begin <= %(today)s
                            ORDER BY f.date_begin DESC
                            RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
                   END AS held_since
              FROM expo_fair f
             WHERE f.state != 'cancelled'
        ),
        per_fair AS (
            -- one row per partner and attended edition: several roles at
            -- one fair count as one edition (hashed, no sort)
            SELECT p.partner_id, p.fair_id, SUM(COALESCE(p.fee_amount, 0)) AS fee
              FROM expo_participation p
             WHERE p.state = 'attended' AND %(scope_p)s
          GROUP BY p.partner_id, p.fair_id
        ),
        per_series AS (
            -- per partner, company and series (NULL: fairs without series);
            -- fees in the company's currency at the fair's date
            SELECT pf.partner_id, fi.company_id,
                   SUM(pf.fee * fr.factor) AS revenue,
                   COUNT(*) AS attended,
                   MAX(fi.date_end) AS last_end,
                   MIN(fi.year) AS first_year, MAX(fi.year) AS last_year,
                   COUNT(*) FILTER (WHERE fi.held_since IS NOT NULL) AS attended_held,
                   MAX(fi.held_since) AS held
              FROM per_fair pf
              JOIN fairs fi ON fi.id = pf.fair_id
              JOIN fair_rate fr ON fr.fair_id = pf.fair_id
          GROUP BY pf.partner_id, fi.company_id, fi.series_id
        ),
        acts AS (
            SELECT partner_id, company_id, SUM(revenue) AS revenue, SUM(attended) AS frequency,
                   MAX(last_end) AS last_end,
                   MIN(first_year) AS first_year, MAX(last_year) AS last_year,
                   SUM(attended_held) FILTER (WHERE held IS NOT NULL)::float8
                       / SUM(held) AS r,
                   SUM(attended_held - 1) FILTER (WHERE held IS NOT NULL)::int AS repeats,
                   SUM(held - 1)::int AS opportunities
              FROM per_series GROUP BY partner_id, company_id
        ),
        costs AS (
            SELECT c.partner_id, c.company_id, SUM(c.amount) AS cost,
                   MIN(EXTRACT(YEAR FROM c.date))::int AS first_year,
                   MAX(EXTRACT(YEAR FROM c.date))::int AS last_year
              FROM expo_relation_cost c WHERE %(scope_c)s
          GROUP BY c.partner_id, c.company_id
        ),
        sat_rows AS (
            -- empty scores are NULL: left out of the averages; the latest
            -- and previous overall scores are those of surveys that gave one
            SELECT s.partner_id, s.company_id, s.overall, s.return_intent, s.would_recommend,
                   ROW_NUMBER() OVER (PARTITION BY s.partner_id, s.company_id, s.overall IS NULL
                                      ORDER BY s.fair_date DESC NULLS LAST,
                                               s.date DESC NULLS LAST, s.id DESC) AS rn
              FROM expo_satisfaction s WHERE %(scope_s)s
        ),
        sat AS (
            SELECT partner_id, company_id, COUNT(*) AS n,
                   AVG(overall)::float8 AS overall_avg,
                   AVG(return_intent)::float8 AS intent_avg,
                   AVG(would_recommend)::float8 AS recommend_avg,
                   MAX(overall) FILTER (WHERE rn = 1) AS last_overall,
                   MAX(overall) FILTER (WHERE rn = 2) AS previous_overall
              FROM sat_rows GROUP BY partner_id, company_id
        ),
        refs AS (
            -- referrals (relationships of the same company) who attended at
            -- least one of its fairs (one index probe per referral)
            SELECT r.expo_referred_by_id AS partner_id, r.company_id, COUNT(*) AS n
              FROM expo_relationship r
        CROSS JOIN LATERAL (SELECT 1 FROM expo_participation q
                              JOIN expo_fair g ON g.id = q.fair_id
                             WHERE q.partner_id = r.partner_id AND q.state = 'attended'
                               AND g.company_id = r.company_id AND g.state != 'cancelled'
                             LIMIT 1) attended
             WHERE r.expo_referred_by_id IS NOT NULL AND %(scope_refs)s
          GROUP BY r.expo_referred_by_id, r.company_id
        ),
        base AS (
            -- the relationships with data, and those that had figures (their
            -- figures go back to NULL when they have no data any more)
            SELECT rel.id, rel.company_id, acts.revenue, acts.frequency, acts.last_end,
                   GREATEST(%(today)s - acts.last_end, 0) AS days,
                   costs.cost, acts.r, acts.repeats, acts.opportunities,
                   sat.n AS sat_n, sat.overall_avg, sat.intent_avg, sat.recommend_avg,
                   sat.last_overall, sat.previous_overall,
                   COALESCE(refs.n, 0) AS referrals,
                   rel.expo_trust::int AS trust, rel.expo_belonging::int AS belonging,
                   COALESCE(rel.expo_demonstration_value, 0) AS demonstration,
                   COALESCE(rel.expo_capability_value, 0) AS capability,
                   CASE WHEN acts.partner_id IS NOT NULL OR costs.partner_id IS NOT NULL
                        THEN COALESCE(acts.revenue, 0) - COALESCE(costs.cost, 0) END AS value,
                   GREATEST(acts.last_year, costs.last_year)
                       - LEAST(acts.first_year, costs.first_year) + 1 AS years,
                   (acts.partner_id IS NOT NULL OR costs.partner_id IS NOT NULL
                    OR sat.partner_id IS NOT NULL OR refs.partner_id IS NOT NULL
                    OR rel.expo_trust IS NOT NULL OR rel.expo_belonging IS NOT NULL
                    OR rel.expo_demonstration_value > 0 OR rel.expo_capability_value > 0)
                       AS has_data
              FROM expo_relationship rel
         LEFT JOIN acts ON acts.partner_id = rel.partner_id AND acts.company_id = rel.company_id
         LEFT JOIN costs ON costs.partner_id = rel.partner_id AND costs.company_id = rel.company_id
         LEFT JOIN sat ON sat.partner_id = rel.partner_id AND sat.company_id = rel.company_id
         LEFT JOIN refs ON refs.partner_id = rel.partner_id AND refs.company_id = rel.company_id
             WHERE %(scope_r)s
               AND (acts.partner_id IS NOT NULL OR costs.partner_id IS NOT NULL
                    OR sat.partner_id IS NOT NULL OR refs.partner_id IS NOT NULL
                    OR rel.expo_trust IS NOT NULL OR rel.expo_belonging IS NOT NULL
                    OR rel.expo_demonstration_value > 0 OR rel.expo_capability_value > 0
                    OR rel.expo_loyalty_scope)
        ),
        kept AS (
            -- (keep_others) the other relationships with figures, as stored:
            -- what the rankings need of them
            SELECT rel.id, rel.company_id, rel.expo_economic_value AS value,
                   rel.expo_revenue AS revenue,
                   rel.expo_rfm_editions AS frequency,
                   GREATEST(%(today)s - rel.expo_rfm_last_date, 0) AS days,
                   rel.expo_recommendation_count AS referrals, TRUE AS has_data,
                   rel.expo_value_demonstration AS demonstration_s,
                   rel.expo_value_capability AS capability_s, TRUE AS kept
              FROM expo_relationship rel
             WHERE %(kept_scope)s AND rel.expo_loyalty_scope
        ),
        all_rows AS (
            -- amounts as stored (numeric): the same ranks whether a row was
            -- computed now or kept
            SELECT b.id, b.company_id, b.value::numeric AS value, b.revenue::numeric AS revenue,
                   b.frequency, b.days, b.referrals, b.has_data,
                   (b.demonstration * 20)::float8 AS demonstration_s,
                   (b.capability * 20)::float8 AS capability_s, FALSE AS kept
              FROM base b
            UNION ALL
            SELECT * FROM kept
        ),
        most_referrals AS (
            SELECT company_id, MAX(referrals) FILTER (WHERE has_data) AS max_referrals
              FROM all_rows GROUP BY company_id
        ),
        ranked AS (
            -- Pareto and RFM rankings within each company, on narrow rows;
            -- relationships without a value (or without attendance) form
            -- their own partition, ignored
            SELECT b.*, mr.max_referrals,
                   SUM(GREATEST(b.value, 0)) OVER w_value AS total,
                   MAX(b.value) OVER w_value AS max_value,
                   -- Σ of the greater values: running sum up to the last
                   -- equal value, minus the equal values (ties excluded; a
                   -- frame excluding them would be quadratic)
                   SUM(GREATEST(b.value, 0)) OVER (w_value ORDER BY b.value DESC)
                       - SUM(GREATEST(b.value, 0)) OVER (PARTITION BY b.company_id, b.value)
                       AS before,
                   COUNT(*) OVER w_att AS n,
                   RANK() OVER (w_att ORDER BY b.days ASC) - 1 AS r_better,
                   RANK() OVER (w_att ORDER BY b.frequency DESC) - 1 AS f_better,
                   RANK() OVER (w_att ORDER BY b.revenue DESC) - 1 AS m_better
              FROM all_rows b
              JOIN most_referrals mr ON mr.company_id = b.company_id
            WINDOW w_value AS (PARTITION BY b.company_id, b.value IS NULL),
                   w_att AS (PARTITION BY b.company_id, b.frequency IS NULL)
        ),
        ranks AS (
            -- the ranked figures (sums and ranks are exact, numeric; the
            -- ratios are float)
            SELECT r.id, r.kept,
                   CASE WHEN r.value IS NULL THEN NULL
                        WHEN r.value <= 0 OR r.total <= 0 THEN 'C'
                        WHEN r.before < %(pareto_a)s * r.total THEN 'A'
                        WHEN r.before < %(pareto_b)s * r.total THEN 'B'
                        ELSE 'C' END::varchar AS expo_pareto_tier,
                   CASE WHEN r.value IS NULL THEN NULL
                        WHEN r.total > 0 THEN 100 * GREATEST(r.value, 0)::float8 / r.total::float8
                        ELSE 0 END::float8 AS expo_value_share,
                   CASE WHEN r.value IS NULL THEN NULL
                        WHEN r.max_value > 0 THEN 100 * GREATEST(r.value, 0)::float8
                                                  / r.max_value::float8
                        ELSE 0 END::float8 AS expo_value_economic,
                   r.demonstration_s AS expo_value_demonstration,
                   CASE WHEN r.max_referrals > 0
                        THEN 100 * r.referrals::float8 / r.max_referrals
                        ELSE 0 END::float8 AS expo_value_recommendation,
                   r.capability_s AS expo_value_capability,
                   CASE WHEN r.frequency IS NOT NULL THEN 5 - (5 * r.r_better) / r.n END::int4
                       AS expo_rfm_recency,
                   CASE WHEN r.frequency IS NOT NULL THEN 5 - (5 * r.f_better) / r.n END::int4
                       AS expo_rfm_frequency,
                   CASE WHEN r.frequency IS NOT NULL THEN 5 - (5 * r.m_better) / r.n END::int4
                       AS expo_rfm_monetary
              FROM ranked r
            OFFSET 0
        ),
        ranks_scored AS (
            SELECT k.*,
                   ((%(we)s * COALESCE(k.expo_value_economic, 0)
                     + %(wd)s * k.expo_value_demonstration
                     + %(wr)s * k.expo_value_recommendation + %(wc)s * k.expo_value_capability)
                    / NULLIF(CASE WHEN k.expo_value_economic IS NULL THEN 0 ELSE %(we)s END
                             + %(wd)s + %(wr)s + %(wc)s, 0))::float8 AS expo_value_score,
                   (k.expo_rfm_recency::text || k.expo_rfm_frequency::text
                    || k.expo_rfm_monetary::text)::varchar AS expo_rfm_cell
              FROM ranks k
        ),
        scored AS (
            -- the figures of the rows computed now, each from its own data
            SELECT b.*,
                   b.value::float8 / b.years AS m,
                   ((b.trust - 1) * 25)::float8 AS trust_s,
                   ((b.belonging - 1) * 25)::float8 AS belonging_s,
                   (b.overall_avg - 1) * 25 AS satisfaction_s,
                   (b.intent_avg - 1) * 25 AS intent_s,
                   b.recommend_avg * 10 AS recommend_s,
                   100 * b.repeats::float8 / NULLIF(b.opportunities, 0) AS behavioural
              FROM base b
            OFFSET 0  -- a fence: each expression is computed once per row
        ),
        valued AS (
            SELECT s.*,
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
            -- amounts (Monetary) are numeric like their columns, so that an
            -- unchanged figure compares equal and is not written again
            SELECT c.id, c.has_data,
                   TRUE AS expo_loyalty_scope,
                   c.revenue::numeric AS expo_revenue,
                   c.cost::numeric AS expo_cost_total,
                   c.value::numeric AS expo_economic_value,
                   c.m::numeric AS expo_economic_value_year,
                   (100 * c.value::float8 / NULLIF(c.cost, 0)::float8) AS expo_profitability_rate,
                   c.referrals::int4 AS expo_recommendation_count,
                   c.frequency::int4 AS expo_rfm_editions,
                   c.last_end AS expo_rfm_last_date,
                   c.r AS expo_retention_probability,
                   c.repeats::int4 AS expo_repeat_count,
                   c.opportunities::int4 AS expo_repeat_opportunities,
                   c.clv::numeric AS expo_clv,
                   CASE WHEN c.q = 1 THEN c.m * %(horizon)s / (1 + %(d)s)
                        ELSE c.m / (1 + %(d)s) * (1 - POWER(c.q, %(horizon)s)) / (1 - c.q)
                   END::numeric AS expo_clv_horizon,
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
            SELECT result.id, %(result_columns)s
              FROM result JOIN ranks_scored k ON k.id = result.id
        ),
        written AS (
            -- every figure of the rows computed now, where one changed
            UPDATE expo_relationship t SET (%(columns)s) = (%(values)s)
              FROM v
             WHERE t.id = v.id AND (%(current)s) IS DISTINCT FROM (%(values)s)
         RETURNING t.id
        ),
        reranked AS (
            -- the ranked figures of the kept rows, where one changed
            UPDATE expo_relationship t SET (%(ranked_columns)s) = (%(ranked_values)s)
              FROM ranks_scored k
             WHERE k.kept AND t.id = k.id AND (%(ranked_current)s) IS DISTINCT FROM (%(ranked_values)s)
         RETURNING t.id
        )
        SELECT id FROM written UNION ALL SELECT id FROM reranked
        """,
        fair_rate=fair_rate_cte(),
        scope_p=scope_sql(partner_ids, "p.partner_id"),
        scope_c=scope_sql(partner_ids, "c.partner_id"),
        scope_s=scope_sql(partner_ids, "s.partner_id"),
        scope_r=scope_sql(partner_ids, "rel.partner_id"),
        scope_refs=scope_sql(partner_ids, "r.expo_referred_by_id"),
        quality=sql_mean("s", "trust_s", "belonging_s", "satisfaction_s"),
        cognitive=sql_mean("l", "trust_s", "quality"),
        conative=sql_mean("l", "intent_s", "recommend_s"),
        attitude_mean=sql_mean("a", "cognitive", "satisfaction_s", "conative"),
        index=sql_mean("c", "attitude", "behavioural"),
        today=today,
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
                SQL.identifier("k" if name in RANKED_FIELDS else "result", name),
                SQL.identifier(name))
            for name in names
        ),
        ranked_columns=SQL(", ").join(SQL.identifier(name) for name in ranked),
        ranked_values=SQL(", ").join(SQL.identifier("k", name) for name in ranked),
        ranked_current=SQL(", ").join(SQL.identifier("t", name) for name in ranked),
        kept_scope=(
            SQL("FALSE") if not keep_others or partner_ids is None
            else SQL("NOT (rel.partner_id = ANY(%s))", list(partner_ids))
        ),
        columns=SQL(", ").join(SQL.identifier(name) for name in names),
        values=SQL(", ").join(SQL.identifier("v", name) for name in names),
        current=SQL(", ").join(SQL.identifier("t", name) for name in names),
    )
