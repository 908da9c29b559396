"""Versioned prompt files (`NAME.zh.vN.md`), shipped with the package as briefgen.prompts."""
