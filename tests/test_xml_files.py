"""Every XML file of every addon is well-formed, and CSV access files are sane."""

import csv
import xml.etree.ElementTree as ET

from conftest import ADDONS


def test_xml_files_are_well_formed():
    files = sorted(ADDONS.glob("*/**/*.xml"))
    assert files
    for path in files:
        root = ET.parse(path).getroot()
        # Data files are Odoo's; the web client's templates are OWL's.
        expected = "templates" if "static" in path.relative_to(ADDONS).parts else "odoo"
        assert root.tag == expected, f"{path}: root element is {root.tag}"


def test_access_csv_header_and_ids(addon):
    path = addon / "security" / "ir.model.access.csv"
    if not path.exists():
        return
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert rows
    assert list(rows[0]) == [
        "id",
        "name",
        "model_id:id",
        "group_id:id",
        "perm_read",
        "perm_write",
        "perm_create",
        "perm_unlink",
    ]
    ids = [row["id"] for row in rows]
    assert len(ids) == len(set(ids)), "duplicate access ids"
    for row in rows:
        assert row["id"].startswith("access_"), row["id"]
        assert row["group_id:id"], f"{row['id']} grants access to everyone"
