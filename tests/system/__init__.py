"""System tests: real Odoo servers driven over HTTP, run by ``tests/run``
after the Odoo suite. Each module but ``harness`` defines ``TITLE`` and
``run(ctx) -> bool`` (``ctx`` is a :class:`harness.Context`)."""
