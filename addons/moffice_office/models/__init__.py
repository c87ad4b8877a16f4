from . import moffice_news
from . import moffice_news_read
