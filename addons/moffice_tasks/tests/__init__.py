from . import test_tasks
from . import test_ui
from . import test_reminders
from . import test_scoring
from . import test_schedule
