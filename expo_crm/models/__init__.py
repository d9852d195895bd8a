from . import expo_role
from . import expo_industry_tag
from . import expo_series
from . import expo_fair
from . import expo_participation
from . import expo_stage_history
from . import res_partner
from . import res_config_settings
