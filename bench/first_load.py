"""Phone first load of a running portal page against a bare NiceGUI page, measured back to back.

Runs the shared audit (``shared/qa/audit.py``: 412x915, 4x CPU, Slow 4G, cold) alternately on both URLs and
prints FCP, LCP, time to NiceGUI's websocket and bytes per run, then the medians and the LCP ratio. Timings on a
shared machine are noisy: compare only figures of one run of this script.

    .venv/bin/python /work/shared/qa/bare.py 8092 &          # the bare page, with the portal's NiceGUI
    .venv/bin/python bench/first_load.py 'http://127.0.0.1:8091/login?lang=de' http://127.0.0.1:8092/ [--runs 3]

The audit lives in ``shared/qa`` next to the repository (override with the QA_AUDIT environment variable).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
AUDIT = Path(os.environ.get('QA_AUDIT', REPO.parent / 'shared' / 'qa' / 'audit.py'))
FIELDS = ('fcp_ms', 'lcp_ms', 'ws_connected_ms', 'transferred_kib')


def measure(url: str, folder: Path) -> dict:
    """One cold phone load through the audit's perf step."""
    subprocess.run(['python3', str(AUDIT), url, '--profiles', 'slow4g', '--skip', 'lighthouse,axe,pwa,headers',
                    '--no-warm', '--out', str(folder)], check=True, capture_output=True)  # re-runs in its own venv
    run = json.loads((folder / 'audit.json').read_text())['perf']['profiles']['slow4g']['runs'][0]
    return {field: run[field] for field in FIELDS} | {'by_type': run['by_type']}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('portal')
    parser.add_argument('bare')
    parser.add_argument('--runs', type=int, default=3)
    args = parser.parse_args()
    results: dict[str, list[dict]] = {'portal': [], 'bare': []}
    with tempfile.TemporaryDirectory(prefix='first-load-') as folder:
        for number in range(args.runs):
            for name, url in (('portal', args.portal), ('bare', args.bare)):
                run = measure(url, Path(folder) / f'{name}-{number}')
                results[name].append(run)
                kinds = ', '.join(f'{kind} {value["kib"]}' for kind, value in run['by_type'].items())
                print(f'{name:6} FCP {run["fcp_ms"]:7.0f} ms  LCP {run["lcp_ms"]:7.0f} ms  websocket '
                      f'{run["ws_connected_ms"] or 0:7.0f} ms  {run["transferred_kib"]:6.1f} KiB ({kinds})', flush=True)
    portal, bare = ({field: statistics.median(run[field] or 0 for run in runs) for field in FIELDS}
                    for runs in results.values())
    ratios = [p['lcp_ms'] / b['lcp_ms'] for p, b in zip(results['portal'], results['bare'], strict=True)]
    print(f'median LCP portal {portal["lcp_ms"]:.0f} ms, bare {bare["lcp_ms"]:.0f} ms; portal/bare per run: '
          + ', '.join(f'{ratio:.2f}' for ratio in ratios))
    print(f'median FCP portal {portal["fcp_ms"]:.0f} ms, bare {bare["fcp_ms"]:.0f} ms; websocket portal '
          f'{portal["ws_connected_ms"]:.0f} ms, bare {bare["ws_connected_ms"]:.0f} ms; '
          f'KiB portal {portal["transferred_kib"]:.1f}, bare {bare["transferred_kib"]:.1f}')


if __name__ == '__main__':
    main()
