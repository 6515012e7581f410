"""Debian's Chromium for Playwright: its flags, viewports and a fresh context."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tests.support.clock import clock_ahead_days

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
INSTALL_HINT = "run scripts/install-chromium.sh"
TIMEZONE = "America/New_York"
DESKTOP = {"width": 1280, "height": 800}
MOBILE = {"width": 360, "height": 740}


def new_context(browser: Any, *, mobile: bool = False, **options: Any) -> Any:
    settings: dict[str, Any] = {
        "viewport": MOBILE if mobile else DESKTOP,
        "locale": "en-US",
        "timezone_id": TIMEZONE,
        **options,
    }
    if mobile:
        settings.setdefault("device_scale_factor", 2)
        settings.setdefault("is_mobile", True)
        settings.setdefault("has_touch", True)
    context = browser.new_context(**settings)
    context.set_default_timeout(10_000)
    if clock_ahead_days():
        # The page's Date follows the server's moved clock; its timers keep real time.
        context.clock.set_system_time(datetime.now(UTC))
    return context
