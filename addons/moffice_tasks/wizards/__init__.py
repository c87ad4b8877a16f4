from . import moffice_task_action
