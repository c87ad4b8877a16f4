"""The test command reads Odoo's log correctly: it is what decides pass or fail."""

import importlib.machinery
import importlib.util
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from pgserver import find_pg_bin


def load_runner():
    loader = importlib.machinery.SourceFileLoader("moffice_test_runner", str(ROOT / "tests" / "run"))
    spec = importlib.util.spec_from_loader(loader.name, loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


PREFIX = "2026-11-24 19:23:24,030 9358"


def test_results_and_matrix_are_read():
    runner = load_runner()
    result = runner.classify_log(
        [
            f"{PREFIX} INFO db odoo.addons.moffice_documents.tests.test_permission_matrix: "
            "permission matrix: 14/53 features verified",
            f"{PREFIX} INFO db odoo.addons.moffice_documents.tests.test_demo: skipped TestDemo.test_x : no demo",
            f"{PREFIX} INFO db odoo.tests.result: 1 failed, 2 error(s) of 16 tests when loading database 'db'",
        ]
    )
    assert result["seen_result"]
    assert (result["run"], result["failed"], result["errors"], result["skipped"]) == (16, 1, 2, 1)
    assert result["matrix"] == ["permission matrix: 14/53 features verified"]
    assert result["problems"] == []


def test_our_warnings_and_any_error_are_problems():
    runner = load_runner()
    lines = [
        f"{PREFIX} WARNING db odoo.addons.moffice_documents.models.x: something odd",
        f"{PREFIX} WARNING db odoo.models: moffice.work.group.name: two fields have the same label",
        f"{PREFIX} WARNING db odoo.addons.base.models.ir_cron: a core warning about another module",
        f"{PREFIX} ERROR db odoo.sql_db: bad query",
        "a traceback line that is not a log line",
    ]
    problems = runner.classify_log(lines)["problems"]
    assert problems == [lines[0], lines[1], lines[3]]


def test_no_result_line_is_noticed():
    runner = load_runner()
    assert not runner.classify_log([f"{PREFIX} INFO db odoo.modules.loading: loading"])["seen_result"]


def test_skipped_suite_counts_every_odoo_test():
    runner = load_runner()
    assert runner.count_odoo_tests() >= 10
    assert runner.moffice_addons()[0] == "moffice_documents"


def test_an_interrupted_run_leaves_nothing_behind():
    """SIGTERM in the middle of a run: the throw-away PostgreSQL is stopped
    and its directory removed (as the test command and the benchmarks do)."""
    if not find_pg_bin("initdb"):
        pytest.skip("PostgreSQL's server programs are not installed")
    script = (
        f"import sys, time; sys.path.insert(0, {str(ROOT / 'tests')!r})\n"
        "from pgserver import EphemeralPostgres, terminate_on_signals\n"
        "terminate_on_signals()\n"
        "server = EphemeralPostgres()\n"
        "server.start()\n"
        "print('TMP', server.tmp, flush=True)\n"
        "try:\n"
        "    time.sleep(120)\n"
        "finally:\n"
        "    server.stop()\n"
    )
    process = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    tmp = next(line.split(" ", 1)[1].strip() for line in process.stdout if line.startswith("TMP "))
    assert Path(tmp, "data", "postmaster.pid").exists()
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=60) == 128 + signal.SIGTERM
    assert not Path(tmp).exists()
