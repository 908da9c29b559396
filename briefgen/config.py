"""One Settings object for the whole package (env prefix BRIEFGEN_, nested with __)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

# Version of what is indexed for a chunk (v2: vectors of its sentences with the title and heading path in
# front; BM25 over title + heading path + text without the title's repeats; v3: a top-level section shorter than
# min_chars joins the next one of its kind, see chunk._merge_small): part of the index signature,
# so an index of an older layout is reported (`briefgen reindex`), never mixed with a new one.
VECTOR_LAYOUT = 3


def _cache_home() -> Path:
    return Path.home() / ".cache" / "briefgen"


class PathSettings(BaseModel):
    """Where data lives."""

    data_dir: Path = Field(Path("vectorstore"), description="Vector store and document store folder")
    models_dir: Path = Field(default_factory=lambda: _cache_home() / "models", description="Model cache")
    llm_cache_dir: Path = Field(default_factory=lambda: _cache_home() / "llm", description="LLM result cache")
    default_corpus: Path = Field(Path("../shared/corpus"), description="Corpus ingested by the main job")


class ChunkSettings(BaseModel):
    """公文-aware chunking."""

    max_chars: int = Field(450, description="Target maximum characters per chunk")
    min_chars: int = Field(60, description="Chunks shorter than this are merged into a neighbour")
    overlap_sentences: int = Field(1, description="Sentences repeated at the start of the next chunk")
    pack_items: bool = Field(True, description="Short sibling items under one heading ((一)(二)…, 1. 2. …) share "
                             "a chunk up to max_chars")


class EmbedSettings(BaseModel):
    """Sentence-transformers embedding model."""

    model: str = Field("embeddinggemma-300m", description="Name under models_dir, a local path, or a hub id")
    backend: Literal["auto", "onnx", "torch"] = Field(
        "auto", description="Run the model by its ONNX export (same vectors, ~2x faster queries on CPU; made by "
        "`briefgen models pull onnx`) or by PyTorch; auto: ONNX when the export exists")
    batch_size: int = Field(16, description="Encode batch size")
    query_prompt: str | None = Field("query", description="prompt_name for queries (None: no prompt)")
    document_prompt: str | None = Field("document", description="prompt_name for documents")
    max_seq_length: int = Field(512, description="Token limit per chunk")
    contextual: bool = Field(True, description="Embed each sentence (or chunk) with its document title and heading "
                             "path in front")
    unit: Literal["sentence", "chunk"] = Field(
        "sentence", description="What one vector holds: a sentence (a chunk scores as its best sentence) or a chunk")


class RetrievalSettings(BaseModel):
    """Hybrid retrieval."""

    k: int = Field(5, description="Passages returned")
    candidates: int = Field(30, description="Candidates taken from each retriever before fusion")
    fusion: Literal["convex", "rrf"] = Field(
        "convex", description="How the dense and BM25 rankings combine: convex (weighted sum of each list's min-max "
        "normalised scores: a passage far ahead in one list keeps its lead) or rrf (reciprocal rank fusion)")
    rrf_k: int = Field(60, description="Reciprocal rank fusion constant (also scales the boosts)")
    dense_weight: float = Field(3.0, description="Weight of the dense list in fusion (sentence vectors rank more "
                                "precisely than chunk-level BM25); 2 suits rrf")
    lexical_weight: float = Field(1.0, description="Weight of the BM25 list in fusion")
    region_boost: float = Field(0.5, description="Extra fused score for chunks of the region named in the query")
    section_boost: float = Field(1.0, description="How far passages of the 成效/问题/建议 section a question asks for "
                                 "(its 建议/措施/办法, 问题/弊端, 成效/效果 words) move up within their document, in "
                                 "top-rank shares like the other boosts; 0 turns it off")
    metadata_boost: float = Field(0.2, description="Extra fused score for the document a question describes "
                                  "(its year or date, its title's rarer words); 0 turns it off")
    exact_max: int = Field(20000, description="Dense search is exact (every vector scored in memory: deterministic, "
                           "no approximate misses) while the collection holds at most this many vectors, and "
                           "Chroma's approximate HNSW search beyond; 0 always uses HNSW")
    spread_ratio: float = Field(0.6, description="A question naming no place and no document whose third-best "
                                "document scores at least this share of the best one (several sources answer it "
                                "about equally well) spreads its top-k over documents like a synthesis question; "
                                "0 turns it off")
    spread_decay: float = Field(0.75, description="When a top-k is spread over documents, a document's second "
                                "passage competes at this share of its score, after another document's first "
                                "passage that scores nearly as well; 1 keeps rank order")
    split_comparisons: bool = Field(True, description="Retrieve each side of an A和B comparison and interleave")
    colloquial: bool = Field(True, description="Add the official words for a question's everyday ones (人手 → 人员 "
                             "编制, 放权 → 下放) to its BM25 query: documents in 公文 style never say 人手")
    mmr: bool = Field(False, description="Diversify the top-k with maximal marginal relevance")
    mmr_lambda: float = Field(0.7, description="MMR relevance/diversity trade-off")


LLMName = Literal["extractive", "local", "openai", "ollama"]


class LLMSettings(BaseModel):
    """LLM backend."""

    backend: LLMName = Field("extractive", description="extractive | local | openai | ollama")
    local_model: str = Field("qwen2.5-coder-1.5b-instruct-q4_k_m.gguf", description="GGUF under models_dir or a path")
    n_ctx: int = Field(4096, description="Context window of the local model")
    n_threads: int = Field(2, description="CPU threads for the local model")
    base_url: str | None = Field(None, description="OpenAI-compatible endpoint, e.g. http://127.0.0.1:8000/v1")
    api_key: str | None = Field(None, description="Key for the OpenAI-compatible endpoint")
    model: str = Field("qwen2.5", description="Model name at the endpoint or in Ollama")
    ollama_url: str = Field("http://127.0.0.1:11434", description="Ollama server")
    temperature: float = Field(0.1, description="Sampling temperature")
    max_tokens: int = Field(600, description="Output token limit")
    answer_sentences: int = Field(12, description="Evidence sentences an answer prompt shows at most: the best "
                                  "matches of the question first (0: every sentence of the retrieved passages)")
    brief_sentences: int = Field(6, description="Evidence sentences per brief section sent to the LLM")
    brief_fill: bool = Field(True, description="After the LLM's titled items, add the section's other verified "
                             "source sentences (up to 8)")
    timeout: float = Field(180.0, description="Seconds per LLM call")
    retries: int = Field(2, description="Retries on transport errors")
    fallback_extractive: bool = Field(True, description="On LLM failure, fall back to extractive with a warning")


class VerifySettings(BaseModel):
    """Draft verification."""

    repair_attempts: int = Field(1, description="Repair rounds that feed verifier errors back to the LLM")
    fuzzy_threshold: float = Field(90.0, description="rapidfuzz score to accept a re-located quote")
    min_support: float = Field(0.4, description="Share of a claim's character bigrams its cited spans must hold")


class ServeSettings(BaseModel):
    """Gradio app."""

    host: str = Field("127.0.0.1", description="Bind address")
    port: int = Field(7860, description="Port")
    auth_user: str | None = Field(None, description="User name; required when binding beyond loopback")
    auth_password: str | None = Field(None, description="Password")
    max_upload_mb: int = Field(20, description="Upload size limit")


class Settings(BaseSettings):
    """All briefgen settings. Environment: BRIEFGEN_EMBED__MODEL=..., BRIEFGEN_LLM__BACKEND=local."""

    model_config = SettingsConfigDict(env_prefix="BRIEFGEN_", env_nested_delimiter="__", extra="ignore")

    paths: PathSettings = Field(default_factory=PathSettings)
    chunk: ChunkSettings = Field(default_factory=ChunkSettings)
    embed: EmbedSettings = Field(default_factory=EmbedSettings)
    retrieval: RetrievalSettings = Field(default_factory=RetrievalSettings)
    llm: LLMSettings = Field(default_factory=LLMSettings)
    verify: VerifySettings = Field(default_factory=VerifySettings)
    serve: ServeSettings = Field(default_factory=ServeSettings)
    chroma_url: str | None = Field(None, description="Chroma server URL (http://host:port); None: embedded store")
    max_file_mb: int = Field(30, description="Files larger than this are rejected")

    def index_signature(self, embed_name: str | None = None) -> dict[str, str | int]:
        """What the vectors depend on: recorded on the collection, checked on open."""
        return {"embed_model": embed_name or self.embed.model, "max_chars": self.chunk.max_chars,
                "min_chars": self.chunk.min_chars, "overlap": self.chunk.overlap_sentences,
                "pack": int(self.chunk.pack_items),
                "doc_prompt": self.embed.document_prompt or "", "contextual": int(self.embed.contextual),
                "unit": self.embed.unit, "layout": VECTOR_LAYOUT}

    def collection_name(self, embed_name: str | None = None) -> str:
        """Collection name derived from the index signature, so changed settings never mix vectors."""
        signature = self.index_signature(embed_name)
        digest = hashlib.sha256(json.dumps(signature, sort_keys=True).encode()).hexdigest()
        return f"briefgen-{digest[:12]}"

    def settings_hash(self) -> str:
        """Short hash of everything that shapes an output."""
        return hashlib.sha256(self.model_dump_json(exclude={"serve", "paths"}).encode()).hexdigest()[:12]


def get_settings(**overrides: object) -> Settings:
    """Settings from the environment, with keyword overrides for groups (e.g. llm=LLMSettings(...))."""
    return Settings(**overrides)  # type: ignore[arg-type]
