from . import certificate_authority
