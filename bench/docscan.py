"""Benchmark the portal's document-page detector on the shared synthetic test kit.

Generates a labelled set with the kit's ``synth.py`` when the folder lacks one, then runs the kit's
``score.py`` on ``portal.imaging.find_document_corners`` through a tiny adapter that decodes the photo
(inside the timing, as the scorer measures it) and detects the page. OpenCV is limited to one thread so that
the times are per core.

    .venv/bin/python bench/docscan.py [--data /tmp/docscan-bench] [--n 120] [--seed 1] [--jobs 1]
                                      [--vis DIR] [--out FILE]

The kit lives in ``shared/docscan`` next to the repository (override with the DOCSCAN_DIR environment variable).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import cv2
import numpy as np

REPO = Path(__file__).resolve().parents[1]
LARGE = 11_000_000  # pixels: the kit's 12-megapixel photos are 4032 x 3024
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from portal.imaging import find_document_corners  # noqa: E402  (needs the repository on sys.path first)


def detect(path: str) -> np.ndarray | None:
    """Adapter for score.py: decode the photo and find the page's corners."""
    return find_document_corners(cv2.imread(path, cv2.IMREAD_COLOR))


def kit_dir() -> Path:
    """The shared test kit: DOCSCAN_DIR, else shared/docscan beside the repository."""
    override = os.environ.get('DOCSCAN_DIR')
    return Path(override) if override else Path(__file__).resolve().parents[2] / 'shared' / 'docscan'


def ensure_data(kit: Path, data: Path, n: int, seed: int, jobs: int) -> None:
    """Generate the labelled set with synth.py unless data already holds one."""
    if (data / 'labels.json').exists():
        print(f'using existing set in {data}', flush=True)
        return
    print(f'generating {n} photos (seed {seed}) into {data} ...', flush=True)
    cmd = [
        sys.executable,
        str(kit / 'synth.py'),
        '--out',
        str(data),
        '--n',
        str(n),
        '--seed',
        str(seed),
        '--jobs',
        str(jobs),
    ]
    subprocess.run(cmd, check=True)


def score(kit: Path, data: Path, vis: str | None, out: str | None = None) -> None:
    """Run score.py in this process on the adapter (one OpenCV thread) and print its table."""
    sys.path.insert(0, str(kit))
    import score as scorer  # the kit's scorer, importable once its folder is on sys.path

    cv2.setNumThreads(1)
    argv = [
        '--data',
        str(data),
        '--func',
        f'{Path(__file__).resolve()}:detect',
        '--title',
        f'portal.imaging.find_document_corners on {data} (cv2.setNumThreads(1), decode included)',
    ]
    if vis:
        argv += ['--vis', vis]
    with tempfile.TemporaryDirectory() as scratch:
        out = out or str(Path(scratch) / 'score.json')
        scorer.main([*argv, '--out', out])
        print_large_photos(Path(out))


def print_large_photos(result: Path) -> None:
    """The issue's timing target is per 12-megapixel photo: print those photos' times on their own."""
    rows = [row for row in json.loads(result.read_text())['rows'] if row['width'] * row['height'] >= LARGE]
    if rows:
        times = np.array([row['time_ms'] for row in rows])
        print(f'photos of 12 MP or more: {len(rows)}, median {np.median(times):.1f} ms, '
              f'p95 {np.percentile(times, 95):.1f} ms, slowest {times.max():.1f} ms (decode included)')


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        '--data',
        default='/tmp/docscan-bench',  # noqa: S108  (a throw-away benchmark set)
        help='folder with (or for) the labelled set',
    )
    parser.add_argument('--n', type=int, default=120, help='photos to generate when the set is missing')
    parser.add_argument('--seed', type=int, default=1, help='generator seed when the set is missing')
    parser.add_argument('--jobs', type=int, default=1, help='generator processes (the machine is shared)')
    parser.add_argument('--vis', default=None, help='folder for overlays of the failures')
    parser.add_argument('--out', default=None, help='JSON file for the summary and per-image rows')
    args = parser.parse_args(argv)
    kit = kit_dir()
    if not (kit / 'score.py').exists():
        sys.exit(f'docscan kit not found in {kit} (set DOCSCAN_DIR)')
    data = Path(args.data)
    ensure_data(kit, data, args.n, args.seed, args.jobs)
    score(kit, data, args.vis, args.out)


if __name__ == '__main__':
    main()
