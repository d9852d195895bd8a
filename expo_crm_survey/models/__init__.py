from . import survey_question
from . import survey_user_input
from . import expo_fair
