from . import moffice_document
from . import moffice_task
from . import moffice_task_extension
from . import moffice_task_feedback
from . import moffice_task_log
from . import moffice_task_reminder
