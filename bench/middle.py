"""The interview the preview benchmarks edit: the middle file of a generated
corpus, with its text and the path of its page."""
import re
from pathlib import Path


def middle_interview(content: Path):
    """(file, its text, `/interviews/<slug>/`) of the middle interview file under `content`."""
    files = sorted(content.rglob("*.md"))
    target = files[len(files) // 2]
    text = target.read_text(encoding="utf-8")
    slug = re.search(r"^slug: (\S+)", text, re.M)
    slug = slug.group(1) if slug else re.sub(r"^\d{4}-\d{2}-\d{2}-", "", target.stem)
    return target, text, f"/interviews/{slug}/"
