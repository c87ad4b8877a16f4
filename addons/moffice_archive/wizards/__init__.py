from . import moffice_archive_reason
from . import moffice_archive_file_close
from . import moffice_archive_file_add
from . import moffice_archive_use_register
