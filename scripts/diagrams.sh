#!/usr/bin/env bash
# Regenerates the committed state diagrams from the workflows' MSM tables:
# docs/diagrams/<workflow>.mmd and .dot, the Mermaid block in README.md
# between <!-- diagram:<workflow> --> and <!-- /diagram:<workflow> -->, and
# docs/diagrams/<workflow>.svg drawn by Graphviz (`dot -Tsvg`, Debian's
# graphviz: installed here when dot is missing, scripts/setup.sh's
# alur_install_graphviz) from the .dot. The SVGs are
# compiled into `alur serve` (GET /api/workflows/{name}/diagram.svg).
# The diagram test fails whenever the .mmd/.dot differ from what the binary
# prints, or an SVG's states and edges differ from the transition table
# (dot's bytes vary with its version and fonts, so they are not compared).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
alur="${ALUR_BIN:-$root/build/bin/alur}"
[[ -x "$alur" ]] || { echo "diagrams: build first ($alur not found)" >&2; exit 1; }
source "$root/scripts/setup.sh"
alur_install_graphviz
mkdir -p "$root/docs/diagrams"
for wf in mutation job_fit open_selection development performance_review; do
  "$alur" diagram "$wf" --format mermaid >"$root/docs/diagrams/$wf.mmd"
  "$alur" diagram "$wf" --format dot >"$root/docs/diagrams/$wf.dot"
  dot -Tsvg "$root/docs/diagrams/$wf.dot" >"$root/docs/diagrams/$wf.svg"
  python3 - "$root/README.md" "$wf" "$root/docs/diagrams/$wf.mmd" <<'PY'
import sys
readme, wf, mmd = sys.argv[1:]
text = open(readme, encoding="utf-8").read()
start, end = f"<!-- diagram:{wf} -->", f"<!-- /diagram:{wf} -->"
if start not in text or end not in text:
    sys.exit(f"diagrams: README.md has no {start} ... {end} block")
head, rest = text.split(start, 1)
_, tail = rest.split(end, 1)
block = f"{start}\n```mermaid\n{open(mmd, encoding='utf-8').read()}```\n{end}"
open(readme, "w", encoding="utf-8").write(head + block + tail)
PY
done
echo "diagrams: updated docs/diagrams and README.md"
