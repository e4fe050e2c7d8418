"""The command line the data generators share: `--info F --seed N`, then the generator's
result, timed with the statistics refreshed, written into the info file under its key."""

import argparse
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def generator_main(
    argv: list[str] | None,
    *,
    description: str,
    key: str,
    generate: Callable[[int], dict[str, Any]],
    summary: Callable[[dict[str, Any]], str],
) -> None:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--info", type=Path, required=True, help="the generators' JSON")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    if not os.environ.get("DJANGO_SETTINGS_MODULE"):
        sys.exit("Set DJANGO_SETTINGS_MODULE (and DATABASE_URL) first.")

    import django

    django.setup()
    from benchmarks.bulk import refresh_statistics

    started = time.monotonic()
    result = generate(args.seed)
    started_analyze = time.monotonic()
    refresh_statistics()
    result["timings"]["analyze"] = round(time.monotonic() - started_analyze, 2)
    result["timings"]["total"] = round(time.monotonic() - started, 2)
    info = json.loads(args.info.read_text())
    info[key] = result
    args.info.write_text(json.dumps(info, indent=2))
    print(summary(result))
