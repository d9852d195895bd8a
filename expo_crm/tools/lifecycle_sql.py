"""The lifecycle's one aggregate query (plain SQL, read by ``expo.lifecycle``):
for every (contact, company) known to the company's fairs, its attendance
facts, the signals the rules need and the relationship as stored."""

from odoo.tools import SQL

from .currency import fair_rate_cte


def lifecycle_query(partner_ids, company_id, today):
    """The query for these contacts (None: every contact). Its rows:
    partner, company, relationship id, stage, locked, contact's salesperson,
    attended count, first and last attended, latest and previous area and
    fee (company currency), latest participation's owner, skipped the latest
    edition of a series, known (takes part, or has a role), then the stored
    stage date, attended count, first and last dates and owner."""
    if partner_ids is None:
        scope, scope_rp, scope_rel = SQL("TRUE"), SQL("TRUE"), SQL("TRUE")
    else:
        ids = list(partner_ids)
        scope = SQL("p.partner_id = ANY(%s)", ids)
        scope_rp = SQL("rp.id = ANY(%s)", ids)
        scope_rel = SQL("r.partner_id = ANY(%s)", ids)
    return SQL(
        """
        WITH %(fair_rate)s,
        taken AS (
            -- one row per partner, company and edition taken part in (a
            -- partner may hold several roles at one fair: sum area and fee)
            SELECT p.partner_id, p.company_id, p.fair_id,
                   bool_or(p.state = 'attended') AS attended,
                   SUM(COALESCE(p.area_sqm, 0))
                       FILTER (WHERE p.state = 'attended')::float AS area,
                   SUM(COALESCE(p.fee_amount, 0))
                       FILTER (WHERE p.state = 'attended')::float AS fee,
                   MAX(p.user_id) FILTER (WHERE p.state = 'attended') AS user_id
              FROM expo_participation p
             WHERE p.state != 'cancelled' AND %(scope)s
          GROUP BY p.partner_id, p.company_id, p.fair_id
        ),
        per_fair AS (
            -- attended editions, fees in the company's currency
            SELECT t.partner_id, t.company_id, t.fair_id, f.series_id,
                   f.date_begin, f.date_end, t.area, t.fee * fr.factor AS fee, t.user_id
              FROM taken t
              JOIN expo_fair f ON f.id = t.fair_id
              JOIN fair_rate fr ON fr.fair_id = t.fair_id
             WHERE t.attended AND f.state != 'cancelled'
        ),
        att AS (
            SELECT per_fair.*,
                   ROW_NUMBER() OVER (PARTITION BY partner_id, company_id
                                      ORDER BY date_begin DESC, fair_id DESC) AS rn
              FROM per_fair
        ),
        agg AS (
            SELECT partner_id, company_id,
                   COUNT(*) AS attended,
                   MIN(date_begin) AS first_date,
                   MAX(date_end) AS last_date,
                   MAX(area) FILTER (WHERE rn = 1) AS area1,
                   MAX(area) FILTER (WHERE rn = 2) AS area2,
                   MAX(fee) FILTER (WHERE rn = 1) AS fee1,
                   MAX(fee) FILTER (WHERE rn = 2) AS fee2,
                   MAX(user_id) FILTER (WHERE rn = 1) AS owner
              FROM att GROUP BY partner_id, company_id
        ),
        latest AS (
            SELECT DISTINCT ON (series_id) series_id, date_begin
              FROM expo_fair
             WHERE series_id IS NOT NULL AND state != 'cancelled' AND date_end < %(today)s
          ORDER BY series_id, date_begin DESC, id DESC
        ),
        skipped AS (
            SELECT DISTINCT partner_id, company_id FROM (
                SELECT a.partner_id, a.company_id
                  FROM att a JOIN latest l ON l.series_id = a.series_id
              GROUP BY a.partner_id, a.company_id, a.series_id
                HAVING MAX(a.date_begin) < MAX(l.date_begin)) s
        ),
        taking_part AS (
            SELECT DISTINCT partner_id, company_id FROM taken
        ),
        pairs AS (
            -- kind 1: takes part in the company's fairs; 2: has a relationship
            -- there; 3: known by its roles only (its own company, else the
            -- current one). Unions and groups, no anti-join: the statistics
            -- of a table written in this transaction can be far off.
            SELECT partner_id, company_id, 1 AS kind FROM taking_part
            UNION ALL
            SELECT r.partner_id, r.company_id, 2 FROM expo_relationship r WHERE %(scope_rel)s
            UNION ALL
            SELECT rp.id, COALESCE(rp.company_id, %(company)s), 3
              FROM res_partner rp
              JOIN (SELECT DISTINCT partner_id FROM expo_partner_role_rel) ro
                ON ro.partner_id = rp.id
             WHERE %(scope_rp)s
        ),
        grouped AS (
            SELECT partner_id, company_id, MIN(kind) AS kind
              FROM pairs GROUP BY partner_id, company_id
        ),
        known AS (
            -- a roles-only pair counts when the contact has no other pair
            SELECT partner_id, company_id, kind = 1 AS taking_part
              FROM (SELECT grouped.*,
                           MIN(kind) OVER (PARTITION BY partner_id) AS best
                      FROM grouped) g
             WHERE kind < 3 OR best = 3
        )
        -- joins, not correlated sub-queries: those turn quadratic once
        -- their hash no longer fits in work_mem (100,000+ partners)
        SELECT kn.partner_id, kn.company_id, r.id, r.stage, r.stage_locked, rp.user_id,
               agg.attended, agg.first_date, agg.last_date,
               agg.area1, agg.area2, agg.fee1, agg.fee2, agg.owner,
               sk.partner_id IS NOT NULL,
               kn.taking_part OR rr.partner_id IS NOT NULL,
               r.stage_date, r.attended_count, r.first_date, r.last_date, r.user_id
          FROM known kn
          JOIN res_partner rp ON rp.id = kn.partner_id
          LEFT JOIN expo_relationship r
                 ON r.partner_id = kn.partner_id AND r.company_id = kn.company_id
          LEFT JOIN agg ON agg.partner_id = kn.partner_id AND agg.company_id = kn.company_id
          LEFT JOIN skipped sk
                 ON sk.partner_id = kn.partner_id AND sk.company_id = kn.company_id
          LEFT JOIN (SELECT DISTINCT partner_id FROM expo_partner_role_rel) rr
                 ON rr.partner_id = kn.partner_id
        """,
        fair_rate=fair_rate_cte(),
        scope=scope,
        scope_rp=scope_rp,
        scope_rel=scope_rel,
        company=company_id,
        today=today,
    )


def daily_partners_query(since, today, active_limit, dissolution_limit):
    """The contacts whose stage a day can change by itself (no data written):
    a relationship past the dissolution window, a trusted one past the
    active window, and everyone who attended a series of which an edition
    ended on or after ``since`` (the day of the previous run) and before
    ``today`` (it may now count as skipped). Locked relationships are left
    out; the rest of what changes a stage (participations, fairs, roles,
    surveys) recomputes its contacts when it is written."""
    return SQL(
        """
        SELECT r.partner_id
          FROM expo_relationship r
         WHERE r.stage_locked IS NOT TRUE AND r.last_date IS NOT NULL
           AND ((r.stage IS DISTINCT FROM 'dissolution' AND r.last_date < %(dissolution)s)
                OR (r.stage = 'trust' AND r.last_date < %(active)s))
        UNION
        SELECT p.partner_id
          FROM expo_fair f
          JOIN expo_participation p
            ON p.series_id = f.series_id AND p.company_id = f.company_id
         WHERE f.series_id IS NOT NULL AND f.state != 'cancelled'
           AND f.date_end >= %(since)s AND f.date_end < %(today)s
           AND p.state = 'attended'
        """,
        dissolution=dissolution_limit,
        active=active_limit,
        since=since,
        today=today,
    )
