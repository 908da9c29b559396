"""Thresholds, the EvalReport, and writing report.md / report.json / chart.png."""

from __future__ import annotations

import json
import logging
import tomllib
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field, computed_field

log = logging.getLogger(__name__)

Kind = Literal["min", "max"]
Status = Literal["pass", "fail", "info", "n/a", "skipped"]
DEFAULT_THRESHOLDS = Path(__file__).resolve().parents[2] / "eval" / "thresholds.toml"
_MAX_ITEMS_MD = 25


class Threshold(BaseModel):
    """A bound on a metric: value ≥ min, or value ≤ max."""

    value: float
    kind: Kind = "min"

    def holds(self, measured: float) -> bool:
        return measured >= self.value if self.kind == "min" else measured <= self.value


def load_thresholds(path: Path = DEFAULT_THRESHOLDS) -> dict[str, Threshold]:
    """`group.metric` → Threshold. A bare number is a minimum; `{ max = 0.05 }` a maximum."""
    with path.open("rb") as handle:
        raw = tomllib.load(handle)
    out: dict[str, Threshold] = {}
    for group, metrics in raw.items():
        for name, spec in metrics.items():
            out[f"{group}.{name}"] = _threshold(spec, f"{group}.{name}")
    return out


def _threshold(spec: Any, name: str) -> Threshold:
    if isinstance(spec, int | float) and not isinstance(spec, bool):
        return Threshold(value=float(spec))
    if isinstance(spec, dict) and len(spec) == 1 and next(iter(spec)) in ("min", "max"):
        kind, value = next(iter(spec.items()))
        return Threshold(value=float(value), kind=kind)
    raise ValueError(f"threshold {name}: expected a number, {{ min = x }} or {{ max = x }}, got {spec!r}")


class MetricResult(BaseModel):
    """One metric: value, its threshold, pass/fail, and the items behind a failure."""

    group: str
    name: str
    value: float | None
    threshold: Threshold | None = None
    status: Status
    failing: list[dict[str, Any]] = Field(default_factory=list)

    @property
    def key(self) -> str:
        return f"{self.group}.{self.name}"


class GroupResult(BaseModel):
    """A metric group's state: ran, or skipped with the reason."""

    status: Literal["ran", "skipped", "error"]
    reason: str | None = None
    details: dict[str, Any] = Field(default_factory=dict)


class EvalReport(BaseModel):
    """Everything an eval run measured; `passed` is False when any thresholded metric fails."""

    metrics: list[MetricResult] = Field(default_factory=list)
    groups: dict[str, GroupResult] = Field(default_factory=dict)
    settings: dict[str, Any] = Field(default_factory=dict)
    created_at: datetime = Field(default_factory=lambda: datetime.now(UTC))

    @computed_field  # type: ignore[prop-decorator]
    @property
    def passed(self) -> bool:
        return not any(m.status == "fail" for m in self.metrics)

    def metric(self, key: str) -> MetricResult | None:
        return next((m for m in self.metrics if m.key == key), None)

    def failed(self) -> list[MetricResult]:
        return [m for m in self.metrics if m.status == "fail"]


def judge(group: str, name: str, value: float | None, thresholds: dict[str, Threshold],
          failing: list[dict[str, Any]] | None = None) -> MetricResult:
    """A MetricResult with its status: no threshold → info, no value → n/a."""
    threshold = thresholds.get(f"{group}.{name}")
    if threshold is None:
        status: Status = "info"
    elif value is None:
        status = "n/a"
    else:
        status = "pass" if threshold.holds(value) else "fail"
    return MetricResult(group=group, name=name, value=value, threshold=threshold, status=status,
                        failing=failing or [])


# ------------------------------------------------------------------------------------ writing


def write_report(report: EvalReport, out_dir: Path) -> dict[str, Path]:
    """report.md, report.json and chart.png in out_dir; returns their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {"md": out_dir / "report.md", "json": out_dir / "report.json", "chart": out_dir / "chart.png"}
    paths["md"].write_text(render_markdown(report), encoding="utf-8")
    paths["json"].write_text(report.model_dump_json(indent=2), encoding="utf-8")
    write_chart(report, paths["chart"])
    log.info("eval report written to %s", out_dir)
    return paths


def _fmt(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:.0f}" if float(value).is_integer() and abs(value) > 1 else f"{value:.3f}"


def _threshold_text(threshold: Threshold | None) -> str:
    if threshold is None:
        return ""
    return f"{'≥' if threshold.kind == 'min' else '≤'} {_fmt(threshold.value)}"


def render_markdown(report: EvalReport) -> str:
    """A metric table, the skipped groups, then the failing items of each metric."""
    lines = [f"# briefgen eval — {'PASS' if report.passed else 'FAIL'}", "",
             f"Run at {report.created_at:%Y-%m-%d %H:%M} UTC.", "",
             "| metric | value | threshold | pass |", "|---|---|---|---|"]
    marks = {"pass": "✅ pass", "fail": "❌ FAIL", "info": "info", "n/a": "n/a (no data)", "skipped": "skipped"}
    lines += [f"| {m.key} | {_fmt(m.value)} | {_threshold_text(m.threshold)} | {marks[m.status]} |"
              for m in report.metrics]
    skipped = {g: r for g, r in report.groups.items() if r.status != "ran"}
    if skipped:
        lines += ["", "## Skipped groups", ""] + [f"- **{g}** ({r.status}): {r.reason}" for g, r in skipped.items()]
    for metric in report.metrics:
        if metric.failing and metric.status in ("fail", "info"):
            lines += ["", f"## {metric.key} — {len(metric.failing)} item(s)", ""]
            lines += [f"- {_item_text(item)}" for item in metric.failing[:_MAX_ITEMS_MD]]
            if len(metric.failing) > _MAX_ITEMS_MD:
                lines.append(f"- … {len(metric.failing) - _MAX_ITEMS_MD} more in report.json")
    return "\n".join(lines) + "\n"


def _item_text(item: dict[str, Any]) -> str:
    parts = []
    for key, value in item.items():
        if value is None or value == [] or value == "":
            continue
        shown = json.dumps(value, ensure_ascii=False) if isinstance(value, list | dict) else str(value)
        parts.append(f"{key}: {shown}")
    return "; ".join(parts)


def _cjk_font() -> str | None:
    """A font with CJK glyphs, if matplotlib knows one."""
    from matplotlib import font_manager

    wanted = ("Noto Sans CJK", "Noto Serif CJK", "Source Han", "WenQuanYi", "SimHei", "Microsoft YaHei",
              "PingFang", "Heiti", "AR PL", "Droid Sans Fallback")
    for font in font_manager.fontManager.ttflist:
        if any(font.name.startswith(w) for w in wanted):
            return str(font.name)
    return None


def _is_rate_cap(metric: MetricResult) -> bool:
    """A 'max' bound strictly between 0 and 1 caps a rate (false refusals); max 0 caps a count."""
    threshold = metric.threshold
    return bool(threshold and threshold.kind == "max" and 0 < threshold.value < 1)


def _bar(metric: MetricResult) -> tuple[float, float | None]:
    """Bar length and marker: a capped rate r is drawn as 1 − r so longer is better everywhere;
    a capped count (wrong-subject claims ≤ 0) is drawn as the raw count against its bound."""
    value = metric.value or 0.0
    threshold = metric.threshold
    if threshold and _is_rate_cap(metric):
        return 1 - value, 1 - threshold.value
    return value, threshold.value if threshold else None


def write_chart(report: EvalReport, path: Path) -> None:
    """Horizontal bars of each metric against its threshold marker (red: failing)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    font = _cjk_font()
    if font:
        plt.rcParams["font.sans-serif"] = [font, "DejaVu Sans"]
    shown = [m for m in report.metrics if m.value is not None]
    fig, ax = plt.subplots(figsize=(8, 0.42 * max(len(shown), 1) + 1.2))
    labels, colours = [], {"pass": "#4c9a2a", "fail": "#c0392b", "info": "#7f8c8d"}
    for row, metric in enumerate(shown):
        length, marker = _bar(metric)
        ax.barh(row, length, color=colours.get(metric.status, "#7f8c8d"))
        if marker is not None:
            ax.plot([marker, marker], [row - 0.4, row + 0.4], color="black", linewidth=2)
        is_count = metric.threshold and metric.threshold.kind == "max" and not _is_rate_cap(metric)
        suffix = " (1 - rate)" if _is_rate_cap(metric) else " (count, lower is better)" if is_count else ""
        labels.append(metric.key + suffix)
        ax.text(length, row, f" {_fmt(metric.value)}", va="center", fontsize=8)
    ax.set_yticks(range(len(shown)), labels, fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(0, max([1.05] + [_bar(m)[0] * 1.1 for m in shown]))
    ax.set_title(f"briefgen eval: {'PASS' if report.passed else 'FAIL'} (black tick = threshold)")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
