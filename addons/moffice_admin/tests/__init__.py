from . import test_activity_log
from . import test_usage_log
from . import test_accounts
from . import test_backup
from . import test_ui
from . import test_desk
