from . import moffice_exchange_partner
from . import moffice_exchange_message
from . import moffice_exchange_delivery
from . import moffice_exchange_status
from . import moffice_document
from . import res_company
