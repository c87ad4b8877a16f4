from . import test_files
from . import test_catalogue
from . import test_submission
from . import test_export
from . import test_lending
from . import test_statistics_freeze
from . import test_ui_archive
from . import test_flow_integrity
