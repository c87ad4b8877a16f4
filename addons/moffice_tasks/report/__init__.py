from . import moffice_task_score_xlsx
from . import moffice_schedule_xlsx
