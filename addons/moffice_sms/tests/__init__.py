from . import test_sms
from . import test_flow_integrity
