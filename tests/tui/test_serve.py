"""``broadsheet serve`` in a real browser: headless Chromium opens the page, types a query
into the app's terminal, and ``tesseract`` reads the results off a screenshot.

Chromium is driven over the DevTools protocol, with the websocket client of aiohttp (which
textual-serve brings along). Skipped, saying why, where Chromium or tesseract is missing
(``.ci/run`` installs both from Debian's packages).
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import ROOT, keys_of_a_terminal
from tui.serve import app_command, is_local

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
TESSERACT = shutil.which("tesseract")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(url: str, seconds: float = 30.0) -> bytes:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                return answer.read()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def _serve(library: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "tui.cli", "--library", str(library),
                             "serve", *args], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True,
                            env={**os.environ, "BROADSHEET_SERVER": "0"},
                            preexec_fn=keys_of_a_terminal)


def _stop(proc: subprocess.Popen) -> tuple[int, str, str]:
    os.killpg(proc.pid, signal.SIGINT)  # ctrl-c: the server and the apps of its tabs
    try:
        out, err = proc.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
    return proc.returncode, out, err


class _Page:
    """One Chromium tab, over the DevTools protocol."""

    def __init__(self, ws) -> None:
        self._ws, self._next = ws, 0

    async def call(self, method: str, **params) -> dict:
        self._next += 1
        me = self._next
        await self._ws.send_json({"id": me, "method": method, "params": params})
        async for message in self._ws:
            answer = json.loads(message.data)
            if answer.get("id") == me:
                assert "error" not in answer, answer
                return answer.get("result", {})
        raise AssertionError(f"Chromium closed the connection during {method}")

    async def screen_text(self, folder: Path) -> str:
        shot = await self.call("Page.captureScreenshot", format="png")
        png = folder / "screen.png"
        png.write_bytes(base64.b64decode(shot["data"]))
        done = subprocess.run([TESSERACT, str(png), "-"], capture_output=True, text=True,
                              timeout=60)
        return done.stdout


async def _type_and_read(url: str, text: str, expect: str, folder: Path) -> str:
    import aiohttp

    debug = _free_port()
    chrome = subprocess.Popen([CHROMIUM, "--headless=new", "--no-sandbox", "--disable-gpu",
                               f"--remote-debugging-port={debug}",
                               f"--user-data-dir={folder / 'profile'}",
                               "--window-size=1200,800", "about:blank"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        targets = json.loads(_wait_for(f"http://127.0.0.1:{debug}/json/list"))
        tab = next(t for t in targets if t["type"] == "page")
        async with aiohttp.ClientSession() as session, \
                session.ws_connect(tab["webSocketDebuggerUrl"], max_msg_size=0) as ws:
            page = _Page(ws)
            await page.call("Page.enable")
            await page.call("Page.navigate", url=url)
            focus = ("(() => { const box = document.querySelector('.xterm-helper-textarea');"
                     " if (!box) return false; box.focus(); return true; })()")
            screen = ""
            deadline = time.monotonic() + 60
            typed = False
            while time.monotonic() < deadline:
                await asyncio.sleep(1.0)
                if not typed:
                    found = await page.call("Runtime.evaluate", expression=focus)
                    if not found["result"].get("value"):
                        continue
                    screen = await page.screen_text(folder)
                    if "Help" not in screen:  # the app has not painted its footer yet
                        continue
                    await page.call("Input.insertText", text=text)
                    typed = True
                    continue
                screen = await page.screen_text(folder)
                if expect in screen:
                    break
            return screen
    finally:
        chrome.kill()
        chrome.wait()


@pytest.mark.skipif(not (CHROMIUM and TESSERACT),
                    reason="needs Debian's chromium and tesseract-ocr "
                           "(apt-get install chromium tesseract-ocr; .ci/run does)")
def test_a_browser_searches_the_library_through_serve(library_folder, tmp_path):
    port = _free_port()
    server = _serve(library_folder, "--port", str(port))
    try:
        page = _wait_for(f"http://127.0.0.1:{port}/").decode()
        assert "textual-terminal" in page
        screen = asyncio.run(_type_and_read(f"http://127.0.0.1:{port}/", "kasachstan",
                                            "articles", tmp_path))
    finally:
        code, out, err = _stop(server)
    assert "kasachstan" in screen.lower(), screen
    assert "articles" in screen and "Kazakhstan" in screen, screen
    assert "warning" not in err, err


def test_serve_says_a_busy_port_in_one_line(library_folder):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run([sys.executable, "-m", "tui.cli", "--library",
                               str(library_folder), "serve", "--port", str(port)], cwd=ROOT,
                              capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr.startswith(f"broadsheet: cannot listen on 127.0.0.1:{port}")
    assert len(done.stderr.splitlines()) == 1, done.stderr


def test_serve_refuses_a_missing_library(tmp_path):
    done = subprocess.run([sys.executable, "-m", "tui.cli", "--library", str(tmp_path / "none"),
                           "serve"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "no library at" in done.stderr and len(done.stderr.splitlines()) == 1


def test_another_host_than_this_machine_is_a_warning(library_folder):
    port = _free_port()
    server = _serve(library_folder, "--host", "0.0.0.0", "--port", str(port))
    try:
        _wait_for(f"http://127.0.0.1:{port}/")
    finally:
        _code, _out, err = _stop(server)
    assert f"whoever reaches 0.0.0.0:{port} can read the whole library" in err


def test_each_tab_runs_the_app_on_the_library_and_nothing_else(tmp_path):
    command = app_command(tmp_path / "my lib")
    assert command.endswith(f"-m tui.cli --library '{tmp_path / 'my lib'}' app")
    assert is_local("127.0.0.1") and is_local("::1") and is_local("localhost")
    assert not is_local("0.0.0.0") and not is_local("192.0.2.1")


def test_serve_leaves_the_web_server_out_of_other_commands():
    code = ("import sys, tui.cli.commands, tui.serve; "
            "print(any(m.split('.')[0] in ('textual_serve', 'aiohttp') for m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    assert done.stdout.strip() == "False", done.stderr
