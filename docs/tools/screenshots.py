#!/usr/bin/env python3
"""Screenshots of a running M-Office, as its users see it.

Logs each user in through Odoo's JSON-RPC, opens the page in headless
Chromium (driven over the DevTools protocol with websocket-client) at the
size asked — a phone is emulated with touch — waits for a selector and saves
a PNG. The shots are described in a JSON file:

    [{"login": "vanthu.lan", "password": "moffice", "path": "/odoo",
      "wait": ".o_moffice_desk_block_clerk", "size": "390x844",
      "out": "docs/screenshots/desk-clerk-phone.jpg"}, ...]

(JPEG for a .jpg, else PNG.) The desk of each role, as in the README:
docs/screenshots/desk.json.

Usage: docs/tools/screenshots.py --url http://127.0.0.1:8069 --db moffice shots.json
"""

import argparse
import base64
import itertools
import json
import shutil
import subprocess
import tempfile
import time
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

import websocket

PHONE_WIDTH = 600  # narrower than this is emulated as a touch phone
TIMEOUT = 60


def session_id(url, db, login, password):
    """Log in through JSON-RPC; return the session cookie's value."""
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    payload = {"jsonrpc": "2.0", "params": {"db": db, "login": login, "password": password}}
    request = urllib.request.Request(
        f"{url}/web/session/authenticate",
        data=json.dumps(payload).encode(),
        headers={"Content-Type": "application/json"},
    )
    with opener.open(request, timeout=TIMEOUT) as response:
        answer = json.load(response)
    if answer.get("error"):
        raise SystemExit(f"{login}: {answer['error']['data']['message']}")
    return next(cookie.value for cookie in jar if cookie.name == "session_id")


class Browser:
    """One headless Chromium and the DevTools connection to its page."""

    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix="moffice_shots_")
        executable = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
        self.process = subprocess.Popen(
            [
                executable,
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                "--lang=vi-VN",
                "--remote-debugging-port=0",
                f"--user-data-dir={self.profile}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        port_file = Path(self.profile, "DevToolsActivePort")
        for _attempt in range(200):
            if port_file.exists() and port_file.read_text().strip():
                break
            time.sleep(0.1)
        port = port_file.read_text().split()[0]
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=TIMEOUT) as response:
            page = next(target for target in json.load(response) if target["type"] == "page")
        self.socket = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=TIMEOUT)
        self.ids = itertools.count(1)

    def call(self, method, **params):
        message_id = next(self.ids)
        self.socket.send(json.dumps({"id": message_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == message_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    def evaluate(self, expression):
        return self.call("Runtime.evaluate", expression=expression, returnByValue=True)["result"].get("value")

    def shot(self, url, cookie, shot):
        width, height = (int(value) for value in shot.get("size", "1366x768").split("x"))
        phone = width < PHONE_WIDTH
        self.call("Network.enable")
        self.call("Network.clearBrowserCookies")
        self.call("Network.setCookie", name="session_id", value=cookie, url=url)
        self.call("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1, mobile=phone)
        self.call("Emulation.setTouchEmulationEnabled", enabled=phone, maxTouchPoints=5 if phone else 1)
        self.call("Page.navigate", url=url + shot["path"])
        deadline = time.monotonic() + TIMEOUT
        wait = json.dumps(shot["wait"])
        while not self.evaluate(f"!!document.querySelector({wait}) && !document.querySelector('.o_loading')"):
            if time.monotonic() > deadline:
                raise SystemExit(f"{shot['out']}: {shot['wait']} did not appear")
            time.sleep(0.2)
        time.sleep(0.8)  # let transitions end
        out = Path(shot["out"])
        image = {"format": "jpeg", "quality": 80} if out.suffix in (".jpg", ".jpeg") else {"format": "png"}
        data = self.call("Page.captureScreenshot", **image)["data"]
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(base64.b64decode(data))

    def close(self):
        self.socket.close()
        self.process.terminate()
        self.process.wait(timeout=TIMEOUT)
        shutil.rmtree(self.profile, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", default="http://127.0.0.1:8069")
    parser.add_argument("--db", required=True)
    parser.add_argument("shots", type=Path, help="JSON list of shots")
    args = parser.parse_args()
    browser = Browser()
    try:
        for shot in json.loads(args.shots.read_text()):
            cookie = session_id(args.url, args.db, shot["login"], shot.get("password", "moffice"))
            browser.shot(args.url, cookie, shot)
            print(shot["out"])
    finally:
        browser.close()


if __name__ == "__main__":
    main()
