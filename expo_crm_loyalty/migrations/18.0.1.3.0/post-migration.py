def migrate(cr, version):
    """"Days since last attended" is computed when read (it changes every
    day): its old column goes."""
    cr.execute("ALTER TABLE expo_relationship DROP COLUMN IF EXISTS expo_rfm_recency_days")
