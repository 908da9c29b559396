"""Load versioned prompt files: `## system` and `## user` parts, string.Template placeholders."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from string import Template


@dataclass(frozen=True)
class Prompt:
    """A prompt file: its version tag and the two templates."""

    name: str
    version: str
    system: Template
    user: Template

    def placeholders(self) -> set[str]:
        """Every $name used in the templates."""
        found: set[str] = set()
        for template in (self.system, self.user):
            found |= {m.group("named") or m.group("braced") for m in template.pattern.finditer(template.template)
                      if m.group("named") or m.group("braced")}
        return found

    def render(self, **values: str) -> tuple[str, str]:
        return self.system.substitute(values), self.user.substitute(values)


@lru_cache(maxsize=16)
def load_prompt(name: str, version: str = "v3") -> Prompt:
    """prompts/{name}.zh.{version}.md from the installed package."""
    text = resources.files("briefgen.prompts").joinpath(f"{name}.zh.{version}.md").read_text(encoding="utf-8")
    parts = dict(re.findall(r"^## (system|user)\n(.*?)(?=^## |\Z)", text, flags=re.M | re.S))
    return Prompt(name, f"{name}.zh.{version}", Template(parts["system"].strip()), Template(parts["user"].strip()))
