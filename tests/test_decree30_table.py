"""docs/decree30.md, the conformance table of Decree 30/2020: every "met" row
names a test that exists, and every item of the appendix has its row."""

import re

from conftest import ADDONS, ROOT

TABLE = ROOT / "docs" / "decree30.md"
TEST_REFERENCE = re.compile(r"(moffice_\w+): (Test\w+)\.(test_\w+)")
# The items of Appendix VI, III (see ../shared/spec/DECREE30.md).
APPENDIX_ITEMS = {
    "1": "a b c d đ e g h i k l m n o",
    "2": "a b c",
    "3": "a b c",
    "4": "a b c d đ e g",
    "5": "a b c d đ e g",
    "6": "a b c d đ e g h i k l",
    "7": "a b c d đ",
    "8": "a b c",
}


def rows():
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if line.startswith("|") and len(cells) >= 4 and not set(cells[0]) <= {"-"}:
            yield cells


def defined(addon, test_class, method):
    """Whether ``test_class`` exists in the addon's tests and has ``method`` (own or from a mixin there)."""
    sources = "\n".join(path.read_text(encoding="utf-8") for path in (ADDONS / addon / "tests").glob("*.py"))
    others = "\n".join(path.read_text(encoding="utf-8") for path in ADDONS.glob("*/tests/*.py"))
    return re.search(rf"^class {test_class}\(", sources, re.MULTILINE) and re.search(rf"def {method}\(", others)


def test_every_met_row_names_an_existing_test():
    met = [cells for cells in rows() if "met" in cells]
    assert len(met) > 40
    for cells in met:
        references = TEST_REFERENCE.findall(cells[-1])
        assert references, f"a met row without a test: {cells}"
        for addon, test_class, method in references:
            assert defined(addon, test_class, method), f"{addon}: {test_class}.{method} does not exist"


def test_every_item_of_appendix_vi_has_its_row():
    items = {cells[0] for cells in rows()}
    expected = {f"III-{group}{letter}" for group, letters in APPENDIX_ITEMS.items() for letter in letters.split()}
    expected |= {f"IV-{letter}" for letter in "a b c d đ e g".split()}
    assert expected <= items, f"missing rows: {sorted(expected - items)}"


def test_statuses_are_the_four_of_the_table():
    for cells in rows():
        if cells[0].startswith(("III-", "IV-")):
            assert cells[2] in {"met", "partly", "not yet", "n/a"}, cells
