from . import moffice_task_score_xlsx
