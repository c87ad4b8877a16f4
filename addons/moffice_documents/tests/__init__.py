from . import test_demo
from . import test_permission_matrix
from . import test_roles
from . import test_ui
