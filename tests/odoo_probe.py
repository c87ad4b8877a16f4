"""How the test command and the repository tests tell that a real Odoo is
installed: ``import odoo`` alone is not enough, because the OCA wheels of
requirements.txt make ``odoo`` an empty namespace package."""

import subprocess
import sys
import tempfile

PROBE = "import odoo.release"


def odoo_installed(python=sys.executable):
    """Whether ``python`` imports a real Odoo (outside this repository)."""
    return subprocess.run([python, "-c", PROBE], capture_output=True, cwd=tempfile.gettempdir()).returncode == 0
