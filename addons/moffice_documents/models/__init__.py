from . import hr_department
from . import moffice_permission
from . import moffice_permission_access
from . import moffice_phone_directory
from . import moffice_work_group
from . import res_company
from . import res_lang
