from . import test_formulas
from . import test_recompute
from . import test_satisfaction
from . import test_security
from . import test_ui
from . import test_tour_analyst
from . import test_overview
