"""docs/bad-input.md, the catalogue of bad input: at least 60 cases, each
with its own id, each asserted by the test the row names (the test method
exists in its class and mentions the case id: a sub-test or its docstring)."""

import re

from conftest import ADDONS, ROOT

CATALOGUE = ROOT / "docs" / "bad-input.md"
CASE_ID = re.compile(r"^[A-Z]\d{2}$")
TEST_CELL = re.compile(r"^`(Test\w+)\.(test_\w+)`$")


def cases():
    for line in CATALOGUE.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if line.startswith("|") and CASE_ID.match(cells[0]):
            yield cells


def method_source(test_class, method):
    """The source of ``test_class.method`` in the addons' tests, or None."""
    for path in ADDONS.glob("*/tests/*.py"):
        source = path.read_text(encoding="utf-8")
        found = re.search(rf"^class {test_class}\(.*?(?=^class |\Z)", source, re.MULTILINE | re.DOTALL)
        if not found:
            continue
        body = re.search(rf"^    def {method}\(.*?(?=^    def |\Z)", found.group(0), re.MULTILINE | re.DOTALL)
        return body and body.group(0)
    return None


def test_at_least_sixty_cases_with_unique_ids():
    ids = [cells[0] for cells in cases()]
    assert len(ids) >= 60
    assert len(ids) == len(set(ids)), sorted({case for case in ids if ids.count(case) > 1})


def test_every_row_is_complete():
    for cells in cases():
        assert len(cells) == 6 and all(cells), cells[0]


def test_every_case_is_asserted_by_the_test_it_names():
    missing = []
    for cells in cases():
        reference = TEST_CELL.match(cells[-1])
        source = reference and method_source(*reference.groups())
        if not source or not re.search(rf"\b{cells[0]}\b", source):
            missing.append(f"{cells[0]}: {cells[-1]}")
    assert not missing, "cases without the test they name:\n" + "\n".join(missing)
