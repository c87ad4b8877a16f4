from . import moffice_activity_log
from . import base
from . import moffice_usage_log
from . import moffice_usage_report
from . import moffice_backup
from . import res_company
from . import res_users
from . import ir_http
