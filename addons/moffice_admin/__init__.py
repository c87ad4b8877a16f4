from . import models
from . import wizards
from . import report
from . import controllers
from . import cli
