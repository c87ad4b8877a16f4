from . import test_news
from . import test_web_news
from . import test_flow_integrity
from . import test_rss
