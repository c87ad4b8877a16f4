from . import test_certificates
from . import test_signature_service
