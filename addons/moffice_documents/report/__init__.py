from . import document_list
from . import register_xlsx
from . import handling_report_xlsx
from . import moffice_document_forms
