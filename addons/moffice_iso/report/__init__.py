from . import iso_audit_xlsx
