from . import expo_satisfaction
from . import expo_relation_cost
from . import expo_stage_history
from . import expo_participation
from . import expo_fair
from . import res_partner
from . import res_config_settings
