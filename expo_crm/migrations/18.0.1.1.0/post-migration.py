"""18.0.1.1.0: roles say whether they are classified after a fair.

The roles are data with ``noupdate``: on an existing database the new flag
takes its default (on) everywhere; turn it off for the roles that are not
classified after a fair, as a fresh install does.
"""

NOT_CLASSIFIED = ("organizer", "association", "service_provider", "sponsor")


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        "UPDATE expo_role SET classify_after_fair = FALSE WHERE code IN %s",
        [NOT_CLASSIFIED],
    )
    # Roles to classify per fair: recomputed from the flags just set.
    cr.execute("DELETE FROM expo_fair_classify_role_rel")
    cr.execute(
        """INSERT INTO expo_fair_classify_role_rel (fair_id, role_id)
           SELECT f.id, r.id FROM expo_fair f, expo_role r
            WHERE r.classify_after_fair AND r.active
              AND (f.expo_our_part <> 'visit' OR r.code = 'exhibitor')"""
    )

    # Rules whose sentence has no figure: shown in each reader's language.
    cr.execute(
        """UPDATE expo_stage_history SET reason_values = '{}'::jsonb
            WHERE reason_values IS NULL AND rule IN %s""",
        [("first_contact", "no_data", "skipped_edition", "decline", "inactive", "first_attendance")],
    )
