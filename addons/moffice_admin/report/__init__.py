from . import usage_report_xlsx
