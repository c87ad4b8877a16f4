from . import moffice_iso_reason
from . import moffice_iso_review_request
from . import moffice_iso_issue
from . import moffice_iso_audit
