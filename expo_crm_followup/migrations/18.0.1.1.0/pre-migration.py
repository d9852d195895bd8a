"""18.0.1.1.0: one follow-up per contact and fair (was: per participation).

Before the new unique constraint (partner, fair) is set, a contact holding
several roles at one fair may have several follow-ups: keep the one that went
furthest (sent before scheduled, then the oldest) and drop the others, which
were never sent. States that the new version tells apart are renamed: a bulk
follow-up "sent" was added to the mailing list, a "done" one with a reply
was replied.
"""

RANK = """CASE state WHEN 'done' THEN 0 WHEN 'sent' THEN 1 WHEN 'failed' THEN 2
          WHEN 'scheduled' THEN 3 WHEN 'draft' THEN 4 ELSE 5 END"""


# Default templates rewritten in this version: reloaded from the data file.
TEMPLATES = (
    "mail_template_expo_followup_c",
    "mail_template_expo_followup_d",
    "mail_template_expo_invitation",
)


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """UPDATE ir_model_data SET noupdate = FALSE
            WHERE module = 'expo_crm_followup' AND name IN %s""",
        [TEMPLATES],
    )
    cr.execute("ALTER TABLE expo_followup DROP CONSTRAINT IF EXISTS expo_followup_participation_unique")
    cr.execute(
        f"""DELETE FROM expo_followup f
             USING (SELECT id, row_number() OVER (
                           PARTITION BY partner_id, fair_id ORDER BY {RANK}, id) AS n
                      FROM expo_followup) d
             WHERE d.id = f.id AND d.n > 1 AND f.state NOT IN ('sent', 'done')"""
    )
    cr.execute(
        "UPDATE expo_followup SET state = 'listed' WHERE state = 'sent' AND channel = 'mailing_list'"
    )
    cr.execute(
        "UPDATE expo_followup SET state = 'replied' WHERE state = 'done' AND replied_date IS NOT NULL"
    )
