"""A browser page as every journey opens one: a fresh context in English (Canada) at
1280 px, with the Content Security Policy's console errors and uncaught page errors
collected in `page.guild_problems` (a journey's `finish` fails on any)."""

from typing import Any


def open_page(browser: Any) -> Any:
    """A new page in a context of its own; close it with `page.context.close()`."""
    context = browser.new_context(locale="en-CA", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    problems: list[str] = []
    page.on(
        "console",
        lambda message: (
            problems.append(f"console {message.type}: {message.text}")
            if message.type == "error" and "Content Security Policy" in message.text
            else None
        ),
    )
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.guild_problems = problems
    return page
