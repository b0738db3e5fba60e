"""A device's plain name from a browser's user-agent string: "Firefox on Windows"."""

import re

# Order matters: Edge and Opera say "Chrome" too, and Chrome says "Safari".
BROWSERS = [
    (r"Edg(?:e|A|iOS)?/", "Edge"),
    (r"OPR/|Opera", "Opera"),
    (r"SamsungBrowser/", "Samsung Internet"),
    (r"Firefox/|FxiOS/", "Firefox"),
    (r"Chrome/|CriOS/|Chromium/", "Chrome"),
    (r"Safari/", "Safari"),
]
SYSTEMS = [
    (r"iPhone", "an iPhone"),
    (r"iPad", "an iPad"),
    (r"Android", "Android"),
    (r"Windows", "Windows"),
    (r"Mac OS X|Macintosh", "a Mac"),
    (r"CrOS", "a Chromebook"),
    (r"Linux", "Linux"),
]


def device_name(user_agent: str | None) -> str:
    text = user_agent or ""
    browser = next((name for pattern, name in BROWSERS if re.search(pattern, text)), None)
    system = next((name for pattern, name in SYSTEMS if re.search(pattern, text)), None)
    if browser and system:
        return f"{browser} on {system}"
    if browser or system:
        return browser or f"A browser on {system}"
    return "An unknown browser"
