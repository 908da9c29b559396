"""End to end in headless Chromium (Debian chromium + chromium-driver, scripts/install_browser.sh):
ask in the 问答 tab, click citation [1], see the cited span highlighted in its passage.
Skipped only when Chromium is not installed; CI installs it."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from briefgen.ask import ask
from briefgen.config import Settings
from briefgen.embed import HashEmbedder
from briefgen.index import Index
from briefgen.ingest import ingest_paths
from briefgen.ui import serve
from tests.conftest import SAMPLE, free_port, hash_settings

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
QUESTION = "武胜县扩权后行政审批时间缩短了多少？"
EVIL = ("岳池县扩权强县试点工作总结\n一、工作成效\n（一）行政审批更快捷。岳池县扩权后行政审批时间由原来平均9天缩减为2天"
        "<script>alert(1)</script><img src=x onerror=alert(2)>，详见[x](javascript:alert(3))。\n")
# Without the background-networking flags Chromium's own connections are refused on a closed network.
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--window-size=1400,1300", "--lang=zh-CN"]

pytestmark = pytest.mark.skipif(not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()),
                                reason="chromium/chromedriver not installed (bash scripts/install_browser.sh)")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Settings, Index]]:
    if not SAMPLE.exists():
        pytest.skip(f"sample corpus not found at {SAMPLE}")
    root = tmp_path_factory.mktemp("ui-browser")
    settings = hash_settings(root)
    index = Index(settings, embedder=HashEmbedder())
    evil = root / "evil.txt"
    evil.write_text(EVIL, encoding="utf-8")
    ingest_paths([SAMPLE, evil], settings, index, progress=False)
    port = free_port()
    app = serve(settings, "127.0.0.1", port, index=index, block=False)
    yield f"http://127.0.0.1:{port}/", settings, index
    app.close()
    index.close()


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[WebDriver]:
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in [*FLAGS, f"--user-data-dir={tmp_path / 'chrome-profile'}"]:
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    yield driver
    driver.quit()


def ask_and_open_citation(driver: WebDriver, url: str, question: str) -> str:
    """Type the question, send it, click citation [1]; the highlighted text of the passage view."""
    wait = WebDriverWait(driver, 60)
    driver.get(url)
    box = wait.until(ec.element_to_be_clickable((By.CSS_SELECTOR, "#question textarea")))
    box.send_keys(question)
    driver.find_element(By.ID, "ask-button").click()
    first = wait.until(ec.element_to_be_clickable((By.XPATH, "//*[@id='citations']//label[contains(., '[1]')]")))
    first.click()
    mark = wait.until(ec.visibility_of_element_located((By.CSS_SELECTOR, "#passage mark")))
    return str(mark.text)


def test_click_citation_shows_highlighted_passage(served: tuple[str, Settings, Index], browser: WebDriver,
                                                  tmp_path: Path) -> None:
    url, settings, index = served
    expected = ask(QUESTION, index, settings).citations[0]
    marked = ask_and_open_citation(browser, url, QUESTION)
    assert marked == expected.quote and "7天缩减为3天" in marked
    document = index.store.document(expected.doc_id)
    assert document is not None and document.title in browser.find_element(By.ID, "passage").text
    chat = browser.find_element(By.ID, "chat").text
    assert "[1]" in chat and "检索中" not in chat
    shot = tmp_path / "briefgen_ui.png"
    assert browser.save_screenshot(str(shot)) and shot.stat().st_size > 10_000
    shutil.copyfile(shot, "/tmp/briefgen_ui.png")


def test_document_markup_shows_as_text_and_never_runs(served: tuple[str, Settings, Index], browser: WebDriver) -> None:
    url, _settings, _index = served
    marked = ask_and_open_citation(browser, url, "岳池县扩权后行政审批时间缩短了多少？")
    assert "<script>alert（1）</script>" in marked or "<script>alert(1)</script>" in marked  # shown literally
    assert "javascript:" in browser.find_element(By.ID, "chat").text
    assert not browser.find_elements(By.CSS_SELECTOR, "#passage script, #passage img, #chat img, #chat a[href^='javascript']")
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018 (raises when no alert() ran)
