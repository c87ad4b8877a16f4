from . import test_edxml
from . import test_exchange
from . import test_exchange_access
from . import test_exchange_endpoint
