"""The performance suite: `make bench` runs `python -m benchmarks.run --members 100000`."""
