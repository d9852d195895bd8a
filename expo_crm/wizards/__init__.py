from . import expo_mark_lost
