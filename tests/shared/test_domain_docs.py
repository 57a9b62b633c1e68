"""The code cites the domain rules by their section in docs/domain.md, and every cited section exists."""
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SECTIONS = set(re.findall(r"^## (.+)$", (ROOT / "docs" / "domain.md").read_text(), re.M))


def citations() -> list[tuple[str, str]]:
    found = []
    for path in (ROOT / "services").rglob("*.py"):
        text = path.read_text()
        found += [(str(path.relative_to(ROOT)), s) for s in re.findall(r"docs/domain\.md, '([^']+)'", text)]
    return found


def test_every_cited_section_exists():
    cited = citations()
    assert len(cited) >= 10
    missing = [(path, section) for path, section in cited if section not in SECTIONS]
    assert missing == []


def test_nothing_cites_a_file_outside_the_repository():
    offenders = [str(p.relative_to(ROOT)) for p in (ROOT / "services").rglob("*.py")
                 if re.search(r"(?<![\w/])DOMAIN\.md|shared/DOMAIN|\.\./shared", p.read_text())]
    assert offenders == []
