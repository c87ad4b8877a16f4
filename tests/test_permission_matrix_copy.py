"""The addon's copy of the regulation's permission matrix is the regulation's."""

import csv

import pytest
from conftest import ADDONS, SHARED

COPY = ADDONS / "moffice_documents" / "data" / "permission_matrix.csv"
ROLES = ["document_admin", "clerk", "system_admin", "custodian", "specialist"]


def read(path):
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_copy_is_identical_to_the_spec():
    spec = SHARED / "spec" / "permission_matrix.csv"
    if not spec.exists():
        pytest.skip("../shared/spec/permission_matrix.csv is not present")
    assert read(COPY) == read(spec)


def test_matrix_shape():
    rows = read(COPY)
    assert len(rows) == 53
    assert list(rows[0]) == ["section", "no", "key", "label_vi", "label_en", *ROLES]
    assert len({row["key"] for row in rows}) == 53
    for row in rows:
        assert all(row[role] in ("0", "1") for role in ROLES), row["key"]
