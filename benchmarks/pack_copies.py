"""Serving a share link's copy: stamping on every open (before) against the kept copy (after).

Takes a pack's PDF (the path as the argument, e.g. one that pack_scale.py or the demo made) and
times, in random order, RUNS of each: `stamp_pdf` (what every open cost before) and
`stamped_copy` once its copy is kept (what every open after the first costs now: one read from
the media storage, here a temporary local folder).
Usage: .venv/bin/python benchmarks/pack_copies.py PATH/TO/pack.pdf
"""

import hashlib
import json
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prevent_compliance.settings")
os.environ.setdefault("DEBUG", "true")
os.environ["MEDIA_ROOT"] = tempfile.mkdtemp(prefix="pack-copies-bench-")
os.environ.pop("MEDIA_S3_BUCKET", None)

import django  # noqa: E402

django.setup()

from django.core.files.base import ContentFile  # noqa: E402
from django.core.files.storage import default_storage  # noqa: E402

from reporting.copies import stamped_copy  # noqa: E402
from reporting.models import EvidencePack  # noqa: E402
from reporting.stamp import stamp_pdf  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", 5))
LINE = "Shared with Ann Lee <ann.lee@inspector.example>"


def main(path: str) -> None:
    pdf = Path(path).read_bytes()
    pack = EvidencePack(code=uuid.uuid4(), sha256=hashlib.sha256(pdf).hexdigest())
    pack.file.name = default_storage.save("packs/bench.pdf", ContentFile(pdf))
    stamped_copy(pack, LINE)  # the first open stamps and keeps the copy
    stages = {
        "stamp_every_open": lambda: stamp_pdf(pdf, LINE),
        "kept_copy": lambda: stamped_copy(pack, LINE),
    }
    times: dict[str, list[float]] = {name: [] for name in stages}
    runs = [name for name in stages for _ in range(RUNS)]
    random.shuffle(runs)
    for name in runs:
        started = time.perf_counter()
        stages[name]()
        times[name].append(time.perf_counter() - started)
    results = {
        "pdf_bytes": len(pdf),
        **{
            f"{name}_seconds": {
                "median": round(statistics.median(v), 3),
                "runs": [round(t, 3) for t in v],
            }
            for name, v in times.items()
        },
    }
    print(json.dumps(results, indent=2))
    (ROOT / "benchmarks" / "results" / "pack_copies.json").write_text(
        json.dumps(results, indent=2) + "\n"
    )


if __name__ == "__main__":
    main(sys.argv[1])
