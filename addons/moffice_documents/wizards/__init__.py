from . import moffice_document_comment_request
from . import moffice_document_grant
from . import moffice_document_reason
from . import moffice_document_route
from . import moffice_register_report
from . import moffice_document_export
from . import moffice_document_dispatch_wizard
