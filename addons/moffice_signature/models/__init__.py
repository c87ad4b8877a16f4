from . import moffice_signature_x509_mixin
from . import moffice_signature_certificate
from . import moffice_signature_key
from . import moffice_signature_trust_root
from . import signature_stamp
from . import moffice_signature_service
from . import res_company
from . import moffice_document
