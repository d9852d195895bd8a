-- What a database of the previous version knows of its relationships, as
-- JSON: run before the upgrade (tools/test.sh), compared after it. The
-- loyalty judgements (entered by hand) are read when expo_crm_loyalty's
-- columns are there.
SELECT json_build_object(
    'stages', (SELECT json_object_agg(id, json_build_array(expo_stage, COALESCE(expo_stage_locked, FALSE),
                                                            expo_lost_reason, expo_attended_count))
                 FROM res_partner WHERE expo_stage IS NOT NULL),
    'history', (SELECT json_agg(json_build_array(partner_id, stage_from, stage_to, rule,
                                                 to_char(date, 'YYYY-MM-DD HH24:MI:SS'),
                                                 days_in_previous_stage) ORDER BY id)
                  FROM expo_stage_history),
    'judgements', (SELECT json_object_agg(id, json_build_array(expo_trust, expo_belonging,
                                                                expo_demonstration_value,
                                                                expo_capability_value,
                                                                expo_referred_by_id,
                                                                expo_pareto_tier))
                     FROM res_partner
                    WHERE expo_trust IS NOT NULL OR expo_belonging IS NOT NULL
                       OR expo_demonstration_value IS NOT NULL OR expo_capability_value IS NOT NULL
                       OR expo_referred_by_id IS NOT NULL)
);
