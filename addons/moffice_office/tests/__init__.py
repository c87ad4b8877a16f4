from . import test_news
from . import test_web_news
from . import test_flow_integrity
from . import test_rss
from . import test_ui_office
from . import test_guide_screenshots
from . import test_guide
from . import test_desk
