"""18.0.1.2.0: relationships per contact and company.

The stage, its date, the lock, the lost reason and the attendance facts
were stored on ``res.partner``, shared by every company. They move to
``expo.relationship`` (one per contact and company) and the stage history
to the relationship it belongs to.

Before the ORM creates the new model's table, create it here and fill it, so
that the history's new required column ``relationship_id`` is set on every
existing row. A contact's stage, lock and history go to its *main* company:
the company of its latest participation, else its own company, else the
first company. The lifecycle then computes the relationships of the other
companies from their own fairs (post-migration).
"""


def migrate(cr, version):
    if not version:
        return
    cr.execute("SELECT 1 FROM information_schema.tables WHERE table_name = 'expo_relationship'")
    if cr.fetchone():
        return
    cr.execute(
        """
        CREATE TABLE expo_relationship (
            id serial PRIMARY KEY,
            partner_id integer NOT NULL REFERENCES res_partner(id) ON DELETE CASCADE,
            company_id integer NOT NULL REFERENCES res_company(id) ON DELETE CASCADE,
            stage varchar,
            stage_date date,
            stage_locked boolean,
            lost_reason varchar,
            attended_count integer,
            first_date date,
            last_date date,
            user_id integer REFERENCES res_users(id) ON DELETE SET NULL
        )
        """
    )
    cr.execute(
        """
        WITH main AS (
            SELECT rp.id AS partner_id,
                   COALESCE(
                       (SELECT p.company_id FROM expo_participation p
                         WHERE p.partner_id = rp.id
                      ORDER BY p.fair_date DESC NULLS LAST, p.id DESC LIMIT 1),
                       rp.company_id,
                       (SELECT min(id) FROM res_company)) AS company_id
              FROM res_partner rp
             WHERE rp.expo_stage IS NOT NULL
                OR EXISTS (SELECT 1 FROM expo_stage_history h WHERE h.partner_id = rp.id)
        )
        INSERT INTO expo_relationship
               (partner_id, company_id, stage, stage_date, stage_locked, lost_reason,
                attended_count, first_date, last_date, user_id)
        SELECT rp.id, main.company_id, rp.expo_stage, rp.expo_stage_date,
               COALESCE(rp.expo_stage_locked, FALSE), rp.expo_lost_reason,
               rp.expo_attended_count, rp.expo_first_date, rp.expo_last_date, rp.user_id
          FROM main JOIN res_partner rp ON rp.id = main.partner_id
        """
    )
    cr.execute("ALTER TABLE expo_stage_history ADD COLUMN IF NOT EXISTS relationship_id integer")
    cr.execute(
        """UPDATE expo_stage_history h
              SET relationship_id = r.id, company_id = r.company_id
             FROM expo_relationship r
            WHERE r.partner_id = h.partner_id"""
    )
