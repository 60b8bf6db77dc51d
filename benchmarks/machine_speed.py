"""The machine's single-thread speed at this moment, for reading other benchmarks' figures.

    python3 benchmarks/machine_speed.py

Prints the CPU time of a fixed pure-Python loop (2 million dict updates, best of 3).  On the
shared development machine it took 0.25-0.50 s at different moments of one day, with the load
average telling little: run it just before a speed benchmark and report both.
"""

from __future__ import annotations

import time


def loop() -> dict[int, int]:
    d: dict[int, int] = {}
    for i in range(2_000_000):
        d[i & 1023] = d.get(i & 1023, 0) + i
    return d


def calibrate() -> float:
    """CPU seconds of :func:`loop`, best of 3."""
    best = float("inf")
    for _ in range(3):
        t = time.process_time()
        loop()
        best = min(best, time.process_time() - t)
    return best


def main() -> None:
    print(f"calibration loop best of 3: {calibrate():.3f} s CPU")


if __name__ == "__main__":
    main()
