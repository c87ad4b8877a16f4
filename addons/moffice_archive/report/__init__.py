from . import archive_statistics_xlsx
