"""The loyalty engine's other queries: the relationships to create, the
contacts a night must recompute, and the lifecycle's low-satisfaction signal
(the figures themselves are in ``formulas.py``)."""

from odoo.tools import SQL

from .sql import scope_sql


def ensure_relationships_sql(partner_ids, uid, now):
    """Create the relationships (no stage yet) of the (partner, company)
    pairs with an attended participation or a cost and no relationship."""
    return SQL(
        """
        INSERT INTO expo_relationship (partner_id, company_id, stage_locked,
                                       create_uid, create_date, write_uid, write_date)
        SELECT pairs.partner_id, pairs.company_id, FALSE, %(uid)s, %(now)s, %(uid)s, %(now)s
          FROM (SELECT p.partner_id, f.company_id
                  FROM expo_participation p JOIN expo_fair f ON f.id = p.fair_id
                 WHERE p.state = 'attended' AND f.state != 'cancelled' AND %(scope_p)s
                UNION
                SELECT c.partner_id, c.company_id FROM expo_relation_cost c WHERE %(scope_c)s
                EXCEPT
                SELECT r.partner_id, r.company_id FROM expo_relationship r) pairs
        ON CONFLICT (partner_id, company_id) DO NOTHING
        """,
        uid=uid,
        now=now,
        scope_p=scope_sql(partner_ids, "p.partner_id"),
        scope_c=scope_sql(partner_ids, "c.partner_id"),
    )


def changed_partners_sql(since, last_date, today):
    """The contacts whose figures may have changed since the previous run
    (rows written since ``since``, a moment before that run started): their
    participations, surveys, costs or relationships, the attendees of a
    series of which an edition started after ``last_date`` (the editions
    held since their first one), and the referrers of those contacts (their
    recommendation counts). Deletions, and a fair's dates, state, series,
    company or currency, touch the relationships they concern
    (``expo.loyalty._expo_touch``): fairs are also written by their own
    statistics."""
    return SQL(
        """
        WITH changed AS (
            SELECT partner_id FROM expo_participation WHERE write_date >= %(since)s
            UNION
            SELECT p.partner_id
              FROM expo_fair f
              JOIN expo_participation p
                ON p.series_id = f.series_id AND p.company_id = f.company_id
             WHERE f.series_id IS NOT NULL AND f.state != 'cancelled'
               AND f.date_begin > %(last_date)s AND f.date_begin <= %(today)s
            UNION
            SELECT partner_id FROM expo_satisfaction WHERE write_date >= %(since)s
            UNION
            SELECT partner_id FROM expo_relation_cost WHERE write_date >= %(since)s
            UNION
            SELECT partner_id FROM expo_relationship WHERE write_date >= %(since)s
        )
        SELECT partner_id FROM changed WHERE partner_id IS NOT NULL
        UNION
        SELECT r.expo_referred_by_id
          FROM expo_relationship r JOIN changed ON changed.partner_id = r.partner_id
         WHERE r.expo_referred_by_id IS NOT NULL
        """,
        since=since,
        last_date=last_date,
        today=today,
    )


def low_satisfaction_sql(pairs, threshold):
    """(partner_id, company_id, overall) of the pairs whose latest overall
    satisfaction (by fair date, survey date, id) in that company is under
    the threshold."""
    return SQL(
        """
        SELECT partner_id, company_id, overall FROM (
            SELECT DISTINCT ON (s.partner_id, s.company_id) s.partner_id, s.company_id, s.overall
              FROM expo_satisfaction s
              JOIN unnest(%s::int[], %s::int[]) AS pair(partner_id, company_id)
                ON pair.partner_id = s.partner_id AND pair.company_id = s.company_id
             WHERE s.overall IS NOT NULL
          ORDER BY s.partner_id, s.company_id, s.fair_date DESC NULLS LAST,
                   s.date DESC NULLS LAST, s.id DESC
        ) latest
         WHERE overall < %s
        """,
        [pair[0] for pair in pairs],
        [pair[1] for pair in pairs],
        threshold,
    )
