from . import test_certificates
from . import test_signature_service
from . import test_document_signatures
from . import test_signed_downloads
