import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ADDONS = ROOT / "addons"
SHARED = ROOT.parent / "shared"


def addon_dirs():
    return sorted(p.parent for p in ADDONS.glob("*/__manifest__.py"))


def read_manifest(addon):
    return ast.literal_eval((addon / "__manifest__.py").read_text(encoding="utf-8"))


@pytest.fixture(params=addon_dirs(), ids=lambda p: p.name)
def addon(request):
    return request.param
