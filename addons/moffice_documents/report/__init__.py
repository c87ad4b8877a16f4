from . import document_list
from . import register_xlsx
