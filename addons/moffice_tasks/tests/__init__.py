from . import test_tasks
from . import test_ui
from . import test_reminders
from . import test_scoring
from . import test_schedule
from . import test_flow_integrity
from . import test_rpc_attacks
from . import test_document_reports
