"""A chat model that answers from the prompt it receives, for tests that need sentence numbers."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from pydantic import Field


class PromptedChat(BaseChatModel):
    """Calls `respond(prompt_text, call_number)` and returns its string; records every prompt."""

    respond: Callable[[str, int], str]
    prompts: list[str] = Field(default_factory=list)

    @property
    def _llm_type(self) -> str:
        return "prompted-fake"

    def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None, run_manager: Any = None,
                  **kwargs: Any) -> ChatResult:
        prompt = "\n".join(str(m.content) for m in messages)
        self.prompts.append(prompt)
        text = self.respond(prompt, len(self.prompts))
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=text))])


def sentence_number(prompt: str, fragment: str) -> str:
    """The [Sn] label of the numbered evidence sentence that contains `fragment`."""
    match = re.search(r"\[(S\d+)\] [^\n]*" + re.escape(fragment), prompt)
    assert match, f"no evidence sentence holds {fragment!r}"
    return match.group(1)
