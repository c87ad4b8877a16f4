"""Text as people type or paste it, made comparable.

Vietnamese arrives composed (NFC, what keyboards send) or decomposed (NFD,
what macOS and some PDF copies give), sometimes with invisible zero-width
characters from web pages and word processors. Stored and searched text is
made NFC without them, so that search and duplicate detection compare the
letters people see. File names lose the folders a client may send with them.
"""

import re
import unicodedata

# Zero-width space, non-joiner, joiner, word joiner, byte order mark, soft hyphen.
INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# Control characters: never part of a file name (NUL, escapes, line breaks).
FILE_NAME_UNSAFE = re.compile(r"[\x00-\x1f\x7f]")


def clean_text(value):
    """``value`` in NFC without zero-width characters (other values unchanged)."""
    if not isinstance(value, str):
        return value
    return INVISIBLE.sub("", unicodedata.normalize("NFC", value))


def clean_file_name(name):
    """A file name as stored: its last part only (no folders), cleaned, never empty."""
    if not isinstance(name, str):
        return name
    base = clean_text(name).replace("\\", "/").rsplit("/", 1)[-1]
    base = FILE_NAME_UNSAFE.sub("", base).strip().lstrip(".")
    return base or "file"
