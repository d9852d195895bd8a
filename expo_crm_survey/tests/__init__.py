from . import test_survey_bridge
