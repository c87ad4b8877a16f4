from . import register_xlsx
