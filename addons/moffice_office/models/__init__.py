from . import moffice_news
from . import moffice_news_read
from . import moffice_news_topic
from . import moffice_news_source
from . import moffice_news_web_item
from . import moffice_news_feed
from . import moffice_guide
from . import moffice_desk
