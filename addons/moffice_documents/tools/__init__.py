from . import ocr
from . import search_index
from . import text
