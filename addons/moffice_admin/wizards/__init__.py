from . import moffice_morning_check
from . import moffice_admin_settings
