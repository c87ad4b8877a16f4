"""The shipped nginx configuration (config/nginx) rendered into a temporary
prefix and run by Debian's nginx, for the repository and system tests."""

import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

from pgserver import free_port

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "config" / "nginx"
TEMPLATE = SHIPPED / "templates" / "moffice.conf.template"
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if os.access("/usr/sbin/nginx", os.X_OK) else None)
VARIABLE = re.compile(r"\$\{(MOFFICE_[A-Z_]+)\}")


def template_variables():
    """The ${MOFFICE_*} variables the site template uses."""
    return sorted(set(VARIABLE.findall(TEMPLATE.read_text(encoding="utf-8"))))


def self_signed(prefix, host="127.0.0.1"):
    """A self-signed certificate and key for ``host``; return their paths."""
    cert, key = prefix / "tls" / "cert.pem", prefix / "tls" / "key.pem"
    cert.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2"]
        + ["-subj", f"/CN={host}", "-addext", f"subjectAltName=IP:{host}", "-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )
    return cert, key


def render(prefix, http_port, https_port, upstream=None):
    """Write nginx.conf into ``prefix``: a main configuration with every path
    in the prefix, around the shipped site template with its variables
    replaced, and ``upstream`` (the shipped upstream.conf by default).
    Return the path of nginx.conf."""
    prefix = Path(prefix)
    cert, key = self_signed(prefix)
    values = {
        "MOFFICE_SERVER_NAME": "127.0.0.1",
        "MOFFICE_HTTP_PORT": str(http_port),
        "MOFFICE_HTTPS_PORT": str(https_port),
        "MOFFICE_TLS_CERTIFICATE": str(cert),
        "MOFFICE_TLS_CERTIFICATE_KEY": str(key),
        "MOFFICE_CACHE_DIR": str(prefix / "cache"),
    }
    site = VARIABLE.sub(lambda match: values[match[1]], TEMPLATE.read_text(encoding="utf-8"))
    (prefix / "conf.d").mkdir(exist_ok=True)
    (prefix / "conf.d" / "moffice.conf").write_text(site, encoding="utf-8")
    (prefix / "moffice").mkdir(exist_ok=True)
    (prefix / "moffice" / "upstream.conf").write_text(
        upstream or (SHIPPED / "upstream.conf").read_text(encoding="utf-8"), encoding="utf-8"
    )
    temp = "\n".join(
        f"    {name}_temp_path {prefix / 'temp' / name};"
        for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    main = f"""worker_processes 1;
error_log {prefix / "error.log"} info;
events {{
    worker_connections 256;
}}
http {{
    include /etc/nginx/mime.types;
    access_log {prefix / "access.log"};
{temp}
    include conf.d/*.conf;
}}
"""
    (prefix / "temp").mkdir(exist_ok=True)
    conf = prefix / "nginx.conf"
    conf.write_text(main, encoding="utf-8")
    return conf


def command(prefix, *args, directives=""):
    """nginx run on the rendered prefix (as the current user; root stays root)."""
    user = "user root;" if os.geteuid() == 0 else ""
    main = f"{user} pid {prefix}/nginx.pid; {directives}"
    return [NGINX, "-p", str(prefix), "-c", str(Path(prefix) / "nginx.conf"), "-g", main, *args]


class Nginx:
    """nginx in the foreground on loopback with the shipped site and the
    given upstream blocks; as a context manager it is stopped and its
    temporary prefix removed on exit."""

    def __init__(self, upstream):
        self.prefix = Path(tempfile.mkdtemp(prefix="moffice-nginx-"))
        self.http_port, self.https_port = free_port(), free_port()
        render(self.prefix, self.http_port, self.https_port, upstream)
        self.ca = str(self.prefix / "tls" / "cert.pem")
        self.process = None

    @property
    def url(self):
        return f"https://127.0.0.1:{self.https_port}"

    def __enter__(self, timeout=30):
        import requests  # an Odoo dependency: only the system tests start nginx

        with open(self.prefix / "nginx.out", "w", encoding="utf-8") as out:
            self.process = subprocess.Popen(
                command(self.prefix, directives="daemon off;"),
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.__exit__()
                raise RuntimeError(f"nginx exited with {self.process.returncode}")
            try:
                requests.get(f"{self.url}/web/health", verify=self.ca, timeout=5)
                return self
            except requests.ConnectionError:
                time.sleep(0.2)
        self.__exit__()
        raise RuntimeError(f"nginx not listening on {self.url} after {timeout} s")

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        shutil.rmtree(self.prefix, ignore_errors=True)
