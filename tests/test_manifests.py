"""Every addon's manifest is valid, complete and free of proprietary dependencies."""

import json
import re
import subprocess
import sys

import pytest
from conftest import ADDONS, addon_dirs, read_manifest
from odoo_probe import odoo_installed

KEY_ORDER = [
    "name",
    "summary",
    "version",
    "category",
    "website",
    "author",
    "license",
    "application",
    "installable",
    "depends",
    "external_dependencies",
    "data",
    "demo",
    "assets",
]
REQUIRED = {"name", "summary", "version", "license", "depends"}
PROPRIETARY = {"OEEL-1", "OPL-1"}


def test_there_is_a_root_addon():
    assert (ADDONS / "moffice_documents" / "__manifest__.py").is_file()


def test_manifest_keys(addon):
    manifest = read_manifest(addon)
    assert REQUIRED <= set(manifest), f"missing keys: {REQUIRED - set(manifest)}"
    unknown = set(manifest) - set(KEY_ORDER)
    assert not unknown, f"unexpected keys: {unknown}"
    order = [key for key in KEY_ORDER if key in manifest]
    assert list(manifest) == order, "manifest keys are not in the OCA order"
    assert re.fullmatch(r"18\.0\.\d+\.\d+\.\d+", manifest["version"])
    assert manifest["license"] in {"LGPL-3", "AGPL-3"}
    assert manifest.get("installable", True) is True


def test_moffice_addons_depend_on_the_root(addon):
    if addon.name == "moffice_documents":
        return
    assert "moffice_documents" in read_manifest(addon)["depends"]


def test_data_files_exist_and_are_all_listed(addon):
    manifest = read_manifest(addon)
    listed = manifest.get("data", []) + manifest.get("demo", [])
    for path in listed:
        assert (addon / path).is_file(), f"{path} is listed but missing"
    for folder in ("data", "demo", "security", "views", "wizards", "report"):
        for path in (addon / folder).glob("*"):
            if path.suffix in (".xml", ".csv") and path.name != "permission_matrix.csv":
                relative = path.relative_to(addon).as_posix()
                assert relative in listed, f"{relative} is not in the manifest"


def test_python_packages_are_imported(addon):
    """Every model/wizard module is imported by its package, so Odoo loads it."""
    for package in ("models", "wizards", "report"):
        folder = addon / package
        if not folder.is_dir():
            continue
        init = (folder / "__init__.py").read_text(encoding="utf-8")
        for module in folder.glob("*.py"):
            if module.name != "__init__.py":
                assert f"import {module.stem}" in init, f"{package}/{module.name} is not imported"


WALK_DEPENDENCIES = """
import ast, json, sys
import odoo.modules.module as module
from odoo.tools import config
config.parse_config(["--addons-path=" + sys.argv[1]])
seen, todo, found = set(), json.loads(sys.argv[2]), {}
while todo:
    name = todo.pop()
    if name in seen:
        continue
    seen.add(name)
    manifest = module.get_manifest(name)
    found[name] = manifest and {"license": manifest.get("license"), "depends": list(manifest.get("depends", []))}
    todo.extend(found[name]["depends"] if found[name] else [])
print(json.dumps(found))
"""


def test_no_proprietary_dependencies():
    """No M-Office addon depends, even indirectly, on an OEEL-1/OPL-1 module."""
    if not odoo_installed():
        pytest.skip("Odoo is not installed: dependencies cannot be resolved here")
    roots = [addon.name for addon in addon_dirs()]
    result = subprocess.run(
        [sys.executable, "-c", WALK_DEPENDENCIES, str(ADDONS), json.dumps(roots)],
        capture_output=True,
        text=True,
        cwd="/",
    )
    assert result.returncode == 0, result.stderr[-2000:]
    modules = json.loads(result.stdout.strip().splitlines()[-1])
    missing = sorted(name for name, manifest in modules.items() if not manifest)
    assert not missing, f"dependencies not found: {missing}"
    proprietary = sorted(name for name, manifest in modules.items() if manifest["license"] in PROPRIETARY)
    assert not proprietary, f"proprietary dependencies: {proprietary}"
    assert "base" in modules
