from . import moffice_sms_gateway
from . import moffice_sms
from . import sms_sms
