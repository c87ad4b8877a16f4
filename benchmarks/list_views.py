"""What the web client reads for M-Office's lists, shared by the in-process
benchmarks and the load test (which runs without Odoo, in locust's own
virtual environment)."""

# The fields of the list view view_moffice_document_list that the web client
# reads (optional="hide" columns are not read; fields of decorations are).
DOCUMENT_LIST = {
    "register_number": {},
    "date_registered": {},
    "reference": {},
    "date_document": {},
    "issuer_id": {"fields": {"display_name": {}}},
    "summary": {},
    "holder_id": {"fields": {"display_name": {}}},
    "date_deadline": {},
    "urgency": {},
    "is_late": {},
    "state": {},
}
