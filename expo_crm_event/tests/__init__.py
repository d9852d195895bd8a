from . import test_event_bridge
