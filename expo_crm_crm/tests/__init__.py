from . import test_crm_bridge
from . import test_tour_crm
