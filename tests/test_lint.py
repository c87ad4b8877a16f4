"""The code passes the linters the repository configures: ruff (lint and
format, ruff.toml) and pylint with the OCA's Odoo plugin (.pylintrc)."""

import subprocess
import sys

from conftest import ROOT

PATHS = ["addons", "tests", "benchmarks"]


def run(*command):
    return subprocess.run([sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True)


def test_ruff_lint():
    result = run("ruff", "check", "--no-fix", *PATHS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format():
    result = run("ruff", "format", "--check", "--diff", *PATHS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_pylint_odoo():
    result = run("pylint", "--rcfile=.pylintrc", "addons")
    assert result.returncode == 0, result.stdout + result.stderr
