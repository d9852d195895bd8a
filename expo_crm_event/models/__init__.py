from . import expo_participation
from . import expo_fair
from . import event_event
from . import event_booth_category
from . import event_registration
from . import event_booth
from . import res_config_settings
