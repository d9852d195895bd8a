from . import expo_followup_report
