from . import test_revisions
from . import test_distribution
from . import test_review
from . import test_records
from . import test_downloads
from . import test_flow_integrity
from . import test_ui
