"""LLM backends behind one setting, with a prompt-hash cache, timeouts, retries and JSON repair.

Backends: `local` (bundled Qwen2.5 GGUF via llama-cpp-python, wrapped as a LangChain chat model),
`openai` (any OpenAI-compatible endpoint), `ollama`, and `extractive` (no LLM, see draft.py).
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import threading
import time
from functools import lru_cache
from pathlib import Path
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult

from briefgen.config import Settings
from briefgen.embed import resolve_model_path
from briefgen.errors import LLMError

log = logging.getLogger(__name__)
_ROLES = {"human": "user", "ai": "assistant", "system": "system"}


class LlamaCppChat(BaseChatModel):
    """A LangChain chat model over an in-process llama.cpp model (JSON mode)."""

    model_path: str
    n_ctx: int = 4096
    n_threads: int = 2
    temperature: float = 0.1
    max_tokens: int = 700

    @property
    def _llm_type(self) -> str:
        return "llama-cpp"

    def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None,
                  run_manager: CallbackManagerForLLMRun | None = None, **kwargs: Any) -> ChatResult:
        llama = _load_llama(self.model_path, self.n_ctx, self.n_threads)
        payload = [{"role": _ROLES.get(m.type, "user"), "content": str(m.content)} for m in messages]
        with _LLAMA_LOCK:  # one llama context is not re-entrant
            started = time.perf_counter()
            out = llama.create_chat_completion(messages=payload, temperature=self.temperature,
                                               max_tokens=self.max_tokens, response_format={"type": "json_object"})
        usage = out.get("usage") or {}
        log.info("local LLM: %s prompt + %s output tokens in %.1f s", usage.get("prompt_tokens"),
                 usage.get("completion_tokens"), time.perf_counter() - started)
        text = out["choices"][0]["message"]["content"] or ""
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=text))])


_LLAMA_LOCK = threading.Lock()


@lru_cache(maxsize=2)
def _load_llama(path: str, n_ctx: int, n_threads: int) -> Any:
    from llama_cpp import Llama

    return Llama(model_path=path, n_ctx=n_ctx, n_threads=n_threads, verbose=False)


def chat_model(settings: Settings, backend: str | None = None) -> BaseChatModel | None:
    """The configured chat model; None for the extractive backend."""
    backend = backend or settings.llm.backend
    cfg = settings.llm
    if backend == "extractive":
        return None
    if backend == "local":
        path = resolve_model_path(cfg.local_model, settings.paths.models_dir)
        return LlamaCppChat(model_path=path, n_ctx=cfg.n_ctx, n_threads=cfg.n_threads,
                            temperature=cfg.temperature, max_tokens=cfg.max_tokens)
    if backend == "openai":
        from langchain_openai import ChatOpenAI

        if not cfg.base_url:
            raise LLMError("llm backend 'openai' needs BRIEFGEN_LLM__BASE_URL")
        return ChatOpenAI(base_url=cfg.base_url, api_key=cfg.api_key or "none", model=cfg.model,  # type: ignore[arg-type]
                          temperature=cfg.temperature, max_tokens=cfg.max_tokens, timeout=cfg.timeout,  # type: ignore[call-arg]
                          max_retries=cfg.retries, model_kwargs={"response_format": {"type": "json_object"}})
    if backend == "ollama":
        from langchain_ollama import ChatOllama

        return ChatOllama(base_url=cfg.ollama_url, model=cfg.model, temperature=cfg.temperature, format="json",
                          num_predict=cfg.max_tokens, client_kwargs={"timeout": cfg.timeout})
    raise LLMError(f"unknown llm backend {backend!r} (extractive, local, openai, ollama)")


def model_name(model: BaseChatModel | None) -> str:
    if model is None:
        return "extractive"
    return str((getattr(model, "model_path", None) and Path(model.model_path).name)  # type: ignore[attr-defined]
               or getattr(model, "model_name", None) or getattr(model, "model", None) or model._llm_type)


def parse_json(text: str) -> dict[str, Any]:
    """JSON object from model output: strips ```json fences and text around the outermost braces; an
    output cut off by the token limit keeps its complete items (the open brackets are closed)."""
    text = re.sub(r"^```(?:json)?|```$", "", text.strip(), flags=re.M).strip()
    start = text.find("{")
    if start < 0:
        raise ValueError("no JSON object in the output")
    end = text.rfind("}")
    try:
        value = json.loads(text[start : end + 1]) if end > start else None
    except json.JSONDecodeError:
        value = None
    if value is None:
        value = _salvage(text[start:])
    if not isinstance(value, dict):
        raise ValueError("JSON output is not an object")
    return value


def _salvage(text: str) -> Any:
    """The longest prefix ending after a complete value (`}` or `]`), with its open brackets closed."""
    for cut in sorted((i for i, ch in enumerate(text) if ch in "}]"), reverse=True)[:200]:
        closers = _open_brackets(text[: cut + 1])
        if closers is None:
            continue
        try:
            return json.loads(text[: cut + 1] + closers)
        except json.JSONDecodeError:
            continue
    raise ValueError("malformed JSON output")


def _open_brackets(prefix: str) -> str | None:
    """The closing brackets the prefix needs, or None when it ends inside a string."""
    stack: list[str] = []
    in_string = escaped = False
    for ch in prefix:
        if in_string:
            escaped, in_string = (not escaped and ch == "\\"), in_string and not (ch == '"' and not escaped)
        elif ch == '"':
            in_string = True
        elif ch in "{[":
            stack.append("}" if ch == "{" else "]")
        elif ch in "}]" and stack:
            stack.pop()
    return None if in_string else "".join(reversed(stack))


class CachedJSON:
    """Invoke a chat model on (system, user) prompts and get a dict; results cached by prompt hash."""

    def __init__(self, model: BaseChatModel, cache_dir: Path, retries: int = 1) -> None:
        self.model = model
        self.cache_dir = cache_dir
        self.retries = retries

    def _path(self, system: str, user: str) -> Path:
        key = hashlib.sha256(json.dumps([model_name(self.model), system, user]).encode()).hexdigest()
        return self.cache_dir / f"{key}.json"

    def __call__(self, system: str, user: str) -> dict[str, Any]:
        path = self._path(system, user)
        if path.exists():
            return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]
        result = self._ask(system, user)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
        return result

    def _ask(self, system: str, user: str) -> dict[str, Any]:
        from langchain_core.messages import HumanMessage, SystemMessage

        messages: list[BaseMessage] = [SystemMessage(system), HumanMessage(user)]
        last = ""
        for attempt in range(self.retries + 1):
            try:
                last = str(self.model.invoke(messages).content)
                return parse_json(last)
            except ValueError as exc:  # malformed JSON: feed the error back once
                messages += [AIMessage(last), HumanMessage(f"输出不是合法的JSON（{exc}）。请只输出一个JSON对象。")]
                log.warning("LLM returned malformed JSON (attempt %d)", attempt + 1)
            except Exception as exc:  # transport errors: unreachable endpoint, timeout
                raise LLMError(f"LLM backend failed: {type(exc).__name__}: {str(exc)[:200]}",
                               attempts=attempt + 1, last_output=last) from exc
        raise LLMError("LLM output was not valid JSON after repair", attempts=self.retries + 1, last_output=last)
