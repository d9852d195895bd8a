from . import test_constraints
from . import test_demo
from . import test_fair
from . import test_lifecycle
from . import test_performance
from . import test_security
from . import test_views
