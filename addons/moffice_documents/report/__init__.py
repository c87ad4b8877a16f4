from . import register_xlsx
from . import moffice_document_forms
